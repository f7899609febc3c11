import {spawn, type ChildProcess} from 'node:child_process';
import {pinnedCommand} from '../../../source/core/procs/pinning.js';
import {ProcessSampler} from '../../../source/core/procs/sampler.js';
import {cellKinds, type TimelineSnapshot} from '../../../source/core/procs/types.js';

/**
 * What the live sampler tests share (sampler.live.test.ts, sampler.watch-tree-live.test.ts): a real sampler
 * on /proc, children it watches, and a bounded wait for what the timeline must show. No timing thresholds:
 * each wait fails loudly, with the lanes it last saw, when the timeline never shows it.
 */

/** A lane's last `count` cells by name, oldest first. */
export const recentCells = (snapshot: TimelineSnapshot, pid: number, count: number) =>
	[...(snapshot.processes.find((lane) => lane.pid === pid)?.cells.subarray(-count) ?? [])].map(
		(code) => cellKinds[code],
	);

/** Every lane in a line: what it is and its last ten cells (for a failure message). */
export const describeLanes = (snapshot: TimelineSnapshot) =>
	snapshot.processes
		.map(
			(lane) =>
				`${lane.kind} ${lane.label} ${lane.pid}${lane.exited ? ' exited' : ''}=${recentCells(snapshot, lane.pid, 10).join(',')}`,
		)
		.join('; ');

/** Resolves with the first published snapshot that passes `check`; rejects with the last lanes after `timeoutMs`. */
export async function waitForSnapshot(
	sampler: ProcessSampler,
	check: (snapshot: TimelineSnapshot) => boolean,
	what: string,
	timeoutMs = 20_000,
): Promise<TimelineSnapshot> {
	return new Promise((resolve, reject) => {
		const timeout = setTimeout(() => {
			unsubscribe();
			reject(new Error(`timed out waiting until ${what}; last lanes: ${describeLanes(sampler.snapshot())}`));
		}, timeoutMs);
		const unsubscribe = sampler.subscribe((snapshot) => {
			if (!check(snapshot)) return;
			clearTimeout(timeout);
			unsubscribe();
			resolve(snapshot);
		});
	});
}

/** The children the live tests started; `killLiveChildren` in afterAll ends those still running. */
const children: ChildProcess[] = [];

export function killLiveChildren(): void {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Ends one child started by `samplePinned` (by its PID). */
export function killLiveChild(pid: number): void {
	children.find((child) => child.pid === pid)?.kill('SIGKILL');
}

/** Starts `node -e script` pinned to `cpu` with taskset; its PID. */
export function spawnPinned(cpu: number, script: string): number {
	const pinned = pinnedCommand(cpu, process.execPath, ['-e', script]);
	if (!pinned.ok) throw new Error(pinned.reason);
	const child = spawn(pinned.command, pinned.args, {stdio: 'ignore'});
	children.push(child);
	if (child.pid === undefined) throw new Error('spawn failed');
	return child.pid;
}

/**
 * Starts each script as a node child pinned to `cpu`, watches it under its label, samples every `intervalMs`
 * on the real timer and runs `body` with the PIDs in the same order; the sampler is closed afterwards.
 */
export async function samplePinned(
	cpu: number,
	lanes: ReadonlyArray<{label: string; script: string}>,
	body: (sampler: ProcessSampler, pids: number[]) => Promise<void>,
	intervalMs = 100,
): Promise<void> {
	const sampler = new ProcessSampler({intervalMs});
	try {
		const pids = lanes.map((lane) => spawnPinned(cpu, lane.script));
		for (const [index, lane] of lanes.entries()) sampler.watch(pids[index]!, lane.label);
		sampler.start();
		await body(sampler, pids);
	} finally {
		sampler.close();
	}
}
