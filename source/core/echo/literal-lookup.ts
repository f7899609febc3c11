import dns, {type LookupOneOptions} from 'node:dns';
import net from 'node:net';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string, family: number) => void;

/**
 * The UDP server's `lookup` for dgram: every reply goes to the IP literal its request came from, and Node's
 * default (dns.lookup) answers a literal only on the next tick, after two regular-expression tests, once per
 * datagram. This answers a literal at once (the last one without even a test, as a ping-pong client sends
 * from the same address every time); a host name still goes to dns.lookup.
 */
export function literalLookup(): (
	hostname: string,
	options: LookupOneOptions | number,
	callback: LookupCallback,
) => void {
	let lastLiteral = '';
	let lastFamily = 0;
	return (hostname, options, callback) => {
		if (hostname === lastLiteral) {
			callback(null, hostname, lastFamily);
			return;
		}

		const family = net.isIP(hostname);
		if (family === 0) {
			dns.lookup(hostname, typeof options === 'number' ? {family: options} : options, callback);
			return;
		}

		lastLiteral = hostname;
		lastFamily = family;
		callback(null, hostname, family);
	};
}
