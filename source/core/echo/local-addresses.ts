import net from 'node:net';
import os from 'node:os';

/** How often the interface list may be re-read when an unknown address claims our port. */
const refreshMs = 10_000;

/** `::ffff:127.0.0.1` -> `127.0.0.1`: an IPv4 peer as a dual-stack socket reports it. */
function plain(address: string): string {
	return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/**
 * The addresses of this host, to recognise a datagram forged with the server's own address (which would
 * make it reply to itself forever), and addresses no reply can go to. Interfaces are read at start and
 * re-read at most every 10 s, and only when an unknown address arrives from the server's own port.
 */
export class LocalAddresses {
	#addresses = new Set<string>();
	#readAt = 0;

	readonly #bound: string;

	constructor(bound: string) {
		this.#bound = bound;
		this.#read();
	}

	/** Whether `address` belongs to this host: loopback, the bound address, or any interface's address. */
	isOwn(address: string): boolean {
		const ip = plain(address);
		if (
			ip.startsWith('127.') ||
			ip === '::1' ||
			ip === plain(this.#bound) ||
			unspecified(ip) ||
			this.#addresses.has(ip)
		)
			return true;
		if (Date.now() - this.#readAt < refreshMs) return false;
		this.#read();
		return this.#addresses.has(ip);
	}

	#read(): void {
		this.#readAt = Date.now();
		const addresses = new Set<string>();
		for (const entries of Object.values(os.networkInterfaces())) {
			for (const entry of entries ?? []) addresses.add(plain(entry.address.split('%')[0]!));
		}

		this.#addresses = addresses;
	}
}

function unspecified(ip: string): boolean {
	return ip === '0.0.0.0' || ip === '::';
}

/**
 * Addresses a reply cannot (or must not) go to: unspecified, broadcast and multicast sources are never
 * real senders, and a reply to them would reach many hosts or none.
 */
export function isUnreplyableAddress(address: string): boolean {
	const ip = plain(address);
	if (unspecified(ip)) return true;
	if (net.isIPv4(ip)) {
		const first = Number(ip.slice(0, ip.indexOf('.')));
		return (first >= 224 && first <= 239) || ip === '255.255.255.255';
	}

	return /^ff/i.test(ip);
}
