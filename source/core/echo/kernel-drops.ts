import {readFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import type {Endpoint, KernelDrops} from './types.js';

const littleEndian = os.endianness() === 'LE';

/** An address as /proc/net/udp{,6} prints it: each 32-bit word in host byte order, in hex. */
export function procAddressHex(address: string): string | undefined {
	let bytes: number[];
	if (net.isIPv4(address)) {
		bytes = address.split('.').map(Number);
	} else if (net.isIPv6(address)) {
		bytes = ipv6Bytes(address);
	} else {
		return undefined;
	}

	let hex = '';
	for (let word = 0; word < bytes.length; word += 4) {
		const chunk = bytes.slice(word, word + 4);
		if (littleEndian) chunk.reverse();
		hex += chunk.map((byte) => byte.toString(16).padStart(2, '0')).join('');
	}

	return hex.toUpperCase();
}

function ipv6Bytes(address: string): number[] {
	let text = address.split('%')[0]!;
	// A trailing dotted IPv4 part (::ffff:1.2.3.4) becomes two hex groups.
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (dotted) {
		const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
		text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}

	const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
	const headGroups = head === '' ? [] : head.split(':');
	const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
	const groups =
		tail === undefined
			? headGroups
			: [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
	return groups.flatMap((group) => {
		const value = Number.parseInt(group, 16);
		return [value >> 8, value & 0xff];
	});
}

/**
 * The `drops` column of /proc/net/udp (or udp6) for the socket bound to `local`: datagrams the kernel
 * threw away because the socket's receive buffer was full (the server did not read fast enough). Read on
 * demand, never per packet. Linux only; elsewhere, or without /proc, says why it is unavailable.
 */
export function readKernelDrops(local: Endpoint, family: 'udp4' | 'udp6', procRoot = '/proc'): KernelDrops {
	const file = `${procRoot}/net/${family === 'udp6' ? 'udp6' : 'udp'}`;
	const wanted = procAddressHex(local.address);
	if (wanted === undefined) return {unavailable: `unknown address ${local.address}`};
	const key = `${wanted}:${local.port.toString(16).toUpperCase().padStart(4, '0')}`;
	let text: string;
	try {
		text = readFileSync(file, 'latin1');
	} catch {
		return {unavailable: os.platform() === 'linux' ? `${file} cannot be read` : `only on Linux (no ${file})`};
	}

	for (const line of text.split('\n')) {
		const fields = line.trim().split(/\s+/);
		if (fields[1] !== key) continue;
		const drops = Number(fields.at(-1));
		if (Number.isSafeInteger(drops)) return {count: drops};
	}

	return {unavailable: `no entry for ${key} in ${file}`};
}
