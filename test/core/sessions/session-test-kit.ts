import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {SessionManager} from '../../../source/core/sessions/session-manager.js';
import type {SessionEvent, SessionReport} from '../../../source/core/sessions/types.js';
import {cliPath} from '../../helpers/run-cli.js';
import {waitUntilGone as waitUntilGoneShared} from '../../helpers/wait.js';

export {cliPath};

export function fixture(name: string): string {
	return fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
}

export function assertBuilt(): void {
	if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run 'npm run build' first`);
}

/** Records a manager's events and waits for conditions on them, failing loudly with what it saw. */
export function recordEvents(manager: SessionManager) {
	const events: SessionEvent[] = [];
	const waiters = new Set<() => void>();
	manager.subscribe((event) => {
		events.push(event);
		for (const waiter of waiters) waiter();
	});

	async function waitFor<T>(
		pick: (events: SessionEvent[]) => T | undefined,
		what: string,
		timeoutMs = 10_000,
	): Promise<T> {
		const found = pick(events);
		if (found !== undefined) return found;
		return new Promise((resolve, reject) => {
			const check = () => {
				const value = pick(events);
				if (value === undefined) return;
				clearTimeout(timer);
				waiters.delete(check);
				resolve(value);
			};

			const timer = setTimeout(() => {
				waiters.delete(check);
				reject(
					new Error(
						`timed out after ${timeoutMs} ms waiting for ${what}; events: ${JSON.stringify(events.slice(-15))}`,
					),
				);
			}, timeoutMs);
			waiters.add(check);
		});
	}

	const reports = (sessionId: number) =>
		events.flatMap((event) => (event.type === 'session-report' && event.sessionId === sessionId ? [event.report] : []));

	return {
		events,
		reports,
		waitFor,
		/** Waits for the n-th report (1-based) of a session matching `match`. */
		async waitForReport<T extends SessionReport['type']>(
			sessionId: number,
			type: T,
			match: (report: Extract<SessionReport, {type: T}>) => boolean = () => true,
			what: string = type,
		) {
			return waitFor(
				() =>
					reports(sessionId).find(
						(report): report is Extract<SessionReport, {type: T}> =>
							report.type === type && match(report as Extract<SessionReport, {type: T}>),
					),
				`session ${sessionId}: ${what}`,
			);
		},
		async waitForExit(sessionId: number) {
			return waitFor(
				(all) =>
					all.find(
						(event): event is Extract<SessionEvent, {type: 'session-exited'}> =>
							event.type === 'session-exited' && event.sessionId === sessionId,
					),
				`session ${sessionId} to exit`,
			);
		},
	};
}

/**
 * Whether a process still exists. A zombie counts as gone: it has exited and holds no socket, and an
 * orphaned one waits for a reaper that some containers' PID 1 never runs.
 */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error: unknown) {
		if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
		throw error;
	}

	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true;
	}
}

/** Polls until every PID is gone; throws naming the survivors after `timeoutMs`. */
export async function waitUntilGone(pids: number[], timeoutMs: number): Promise<void> {
	await waitUntilGoneShared(pids, timeoutMs);
}

export const decode = (base64: string) => Buffer.from(base64, 'base64').toString();
