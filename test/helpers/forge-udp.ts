import {execFile, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const script = fileURLToPath(new URL('forge-udp.py', import.meta.url));

/** Why forged datagrams cannot be sent here (raw sockets need root and python3), or undefined. */
export function forgeSkipReason(): string | undefined {
	if (process.platform !== 'linux') return 'forged datagrams are only tested on Linux';
	if (process.getuid?.() !== 0) return 'forging datagrams needs raw sockets: run as root';
	if (spawnSync('python3', ['--version']).status !== 0)
		return 'python3 is missing (test/helpers/forge-udp.py needs it)';
	return undefined;
}

/** Sends `count` UDP datagrams to a loopback port with a forged IPv4 source (test/helpers/forge-udp.py). */
export async function forgeUdp(
	source: {address: string; port: number},
	target: {address: string; port: number},
	payload: string,
	count = 1,
): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		execFile(
			'python3',
			[script, source.address, String(source.port), target.address, String(target.port), payload, String(count)],
			{timeout: 20_000},
			(error) => (error ? reject(new Error(error.message)) : resolve()),
		);
	});
}
