import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync, readlinkSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {afterEach, describe, expect, it} from 'vitest';
import {parseCpuList} from '../../source/core/procs/pinning.js';
import {childPids, isAlive, sessionPidsOnScreen, TestTerminal, waitForGone} from './helpers/terminal.js';
import {waitUntil} from '../helpers/wait.js';

let terminals: TestTerminal[] = [];

function start(args: string[] = []): TestTerminal {
	const terminal = new TestTerminal(['--port', '0', ...args], {columns: 100, rows: 30});
	terminals.push(terminal);
	return terminal;
}

afterEach(async () => {
	await Promise.all(terminals.map(async (terminal) => terminal.dispose()));
	terminals = [];
});

function serverPidOnScreen(screen: string): number {
	const match = /Server \(pid (\d+)/.exec(screen);
	if (!match) throw new Error(`no server PID on screen:\n${screen}`);
	return Number(match[1]);
}

function parentOf(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function socketInodes(pid: number): Set<string> {
	const inodes = new Set<string>();
	for (const fd of readdirSync(`/proc/${pid}/fd`)) {
		try {
			const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
			if (match) inodes.add(match[1]!);
		} catch {
			// Already gone.
		}
	}

	return inodes;
}

/** Inodes of the sockets bound to `port` in a /proc/net table (TCP: listening ones only). */
function boundInodes(table: 'tcp' | 'udp', port: number): string[] {
	const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
	return readFileSync(`/proc/net/${table}`, 'utf8')
		.split('\n')
		.slice(1)
		.map((line) => line.trim().split(/\s+/))
		.filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && (table === 'udp' || fields[3] === '0A'))
		.map((fields) => fields[9]!);
}

function affinity(pid: number): string {
	return /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]!;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	await waitUntil(check, what, {timeoutMs, intervalMs: 50});
}

describe('the echo server in its own process', () => {
	it("the server pane's PID is a child process of the dashboard that listens on the port; the dashboard has its own lane (d)", async () => {
		const terminal = start();
		const screen = await terminal.waitForText(/UDP listening 127\.0\.0\.1:\d+/);
		const port = Number(/TCP listening 127\.0\.0\.1:(\d+)/.exec(screen)![1]);
		const serverPid = serverPidOnScreen(screen);
		expect(serverPid).not.toBe(terminal.pid);
		expect(parentOf(serverPid)).toBe(terminal.pid);
		expect(readFileSync(`/proc/${serverPid}/cmdline`, 'utf8')).toContain('server-child');
		const inodes = socketInodes(serverPid);
		expect(boundInodes('tcp', port).some((inode) => inodes.has(inode))).toBe(true);
		expect(boundInodes('udp', port).some((inode) => inodes.has(inode))).toBe(true);
		// The dashboard itself holds no socket on that port.
		const own = socketInodes(terminal.pid);
		expect([...boundInodes('tcp', port), ...boundInodes('udp', port)].some((inode) => own.has(inode))).toBe(false);

		await terminal.waitForText(new RegExp(`A server ${serverPid}`));
		await terminal.waitForText('B dashboard (this UI)');
		await terminal.type('d');
		await terminal.waitForNoText('dashboard (this UI)');
		await terminal.type('d');
		await terminal.waitForText('dashboard (this UI)');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
		await waitForGone([serverPid]);
	});

	it('under a UDP flood the log says how many lines it left out, and the dashboard keeps answering keys', async () => {
		const terminal = start(['--sessions', '0']);
		const screen = await terminal.waitForText(/UDP listening 127\.0\.0\.1:\d+/);
		const port = Number(/UDP listening 127\.0\.0\.1:(\d+)/.exec(screen)![1]);
		const {createSocket} = await import('node:dgram');
		const client = createSocket('udp4');
		client.on('message', () => {});
		try {
			// 20,000 datagrams over about 2 s.
			for (let sent = 0; sent < 20_000; sent += 200) {
				for (let index = 0; index < 200; index++) client.send(`flood ${sent + index}`, port, '127.0.0.1');

				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		} finally {
			client.close();
		}

		await terminal.waitForText(/UDP \.\. \+\d+ lines? not shown/);
		await terminal.waitForText(/UDP listening .*\n.*in \d+(\.\d+)?k msg/);
		await terminal.type('d');
		await terminal.waitForNoText('dashboard (this UI)');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
	});

	it('SIGKILL of the server process is shown in words, the dashboard stays up, and R restarts it on the same port', async () => {
		const terminal = start();
		const screen = await terminal.waitForText(/^.connected\b.*\bready \(UDP: no connection\)/m);
		const port = /TCP listening 127\.0\.0\.1:(\d+)/.exec(screen)![1];
		const serverPid = serverPidOnScreen(screen);
		process.kill(serverPid, 'SIGKILL');
		await terminal.waitForText(
			new RegExp(`server process ${serverPid} was killed \\(SIGKILL\\):[^\\n]*\\n│R restarts it \\(same port\\)`),
		);
		await terminal.waitForText(/TCP closed/);
		expect(terminal.exited).toBe(false);

		await terminal.type('R');
		const restarted = await terminal.waitForText(new RegExp(`TCP listening 127\\.0\\.0\\.1:${port}`));
		const newPid = serverPidOnScreen(restarted);
		expect(newPid).not.toBe(serverPid);
		expect(childPids(terminal.pid)).toContain(newPid);
		await terminal.waitForText(new RegExp(`[A-Z] server ${newPid}`));
		await terminal.waitForNoText('R restarts it');

		// The UDP session (#2) reaches the restarted server.
		await terminal.type('2', '\r', 'after restart', '\r');
		await terminal.waitForText(/AFTER RESTART \(\d+(\.\d+)? ms\)/);
		await terminal.type('\u001B');
		await terminal.waitForNoText('typing into');
		await terminal.type('q');
		expect((await terminal.waitForExit()).exitCode).toBe(0);
		await waitForGone([newPid]);
	});
});

describe('one-CPU mode pins the demo, not the dashboard', () => {
	const original = affinity(process.pid);
	const allowed = parseCpuList(original);
	let taskset = true;
	try {
		execFileSync('taskset', ['-p', String(process.pid)], {stdio: 'ignore'});
	} catch {
		taskset = false;
	}

	const reason =
		allowed.length < 2
			? `needs 2 CPUs, this process may use ${original} (${availableParallelism()} online)`
			: taskset
				? undefined
				: 'taskset is not available';
	if (reason) console.log(`skipping the one-CPU e2e test: ${reason}`);

	it.skipIf(reason !== undefined)(
		'o: server and sessions on one CPU and the dashboard on another; o again: everyone back on their CPUs',
		async () => {
			const terminal = start();
			const screen = await terminal.waitForText(/^.connected\b.*\bready \(UDP: no connection\)/m);
			const serverPid = serverPidOnScreen(screen);
			const sessions = sessionPidsOnScreen(screen);
			const before = new Map([terminal.pid, serverPid, ...sessions].map((pid) => [pid, affinity(pid)]));
			const demoCpu = allowed.at(-1)!;
			const uiCpu = allowed.find((cpu) => cpu !== demoCpu)!;

			await terminal.type('o');
			await terminal.waitForText(`this dashboard on CPU ${uiCpu}`);
			await terminal.waitForText(new RegExp(`Server \\(pid ${serverPid} cpu${demoCpu}, event-loop\\)`));
			await until(
				() =>
					[serverPid, ...sessions].every((pid) => affinity(pid) === String(demoCpu)) &&
					affinity(terminal.pid) === String(uiCpu),
				'the pinning',
			);
			// Every thread of the dashboard moved, not just its main thread.
			const threads = readdirSync(`/proc/${terminal.pid}/task`);
			expect(threads.length).toBeGreaterThan(1);
			for (const thread of threads)
				expect(readFileSync(`/proc/${terminal.pid}/task/${thread}/status`, 'utf8')).toMatch(
					new RegExp(`Cpus_allowed_list:\\s*${uiCpu}\\n`),
				);

			// A session opened meanwhile starts on the demo's CPU.
			await terminal.type('u');
			const third = sessionPidsOnScreen(await terminal.waitForText(/#3 UDP pid \d+/)).find(
				(pid) => !sessions.includes(pid),
			)!;
			await until(() => isAlive(third) && affinity(third) === String(demoCpu), 'the new session to be pinned');

			await terminal.type('o');
			await terminal.waitForText('one CPU off');
			await until(
				() => [...before].every(([pid, list]) => affinity(pid) === list) && affinity(third) === original,
				'everyone back on their CPUs',
			);
			await terminal.waitForText(new RegExp(`Server \\(pid ${serverPid}, event-loop\\)`));
			await terminal.type('q');
			expect((await terminal.waitForExit()).exitCode).toBe(0);
		},
	);
});
