import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync} from 'node:fs';
import {createInterface} from 'node:readline';

export interface ServerProcess {
	name: string;
	port: number;
	pid: number;
	stop(): Promise<void>;
}

/** Spawns a server that prints `listening PROTOCOL HOST:PORT` and resolves once it has. */
export async function startServerProcess(name: string, command: string, args: string[]): Promise<ServerProcess> {
	const child: ChildProcess = spawn(command, args, {stdio: ['ignore', 'pipe', 'inherit']});
	const lines = createInterface({input: child.stdout!});
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${name} did not print its ready line within 15 s`)), 15_000);
		child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
		lines.on('line', (line) => {
			const match = /^listening (?:tcp|udp) \S+:(\d+)(?: \(.*\))?$/.exec(line);
			if (!match) return;
			clearTimeout(timer);
			resolve(Number(match[1]));
		});
	});
	return {
		name,
		port,
		pid: child.pid!,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere.
 * Clock ticks are assumed to be 100 per second (USER_HZ on every mainstream Linux build).
 */
export function cpuSeconds(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return undefined;
	}
}
