import {readdirSync, readFileSync} from 'node:fs';
import {spawn as spawnPty, type IPty} from '@lydell/node-pty';
import xterm from '@xterm/headless';
import {cliPath} from '../../helpers/run-cli.js';
import {waitUntilGone} from '../../helpers/wait.js';

/** The built CLI (SOCKTUI_E2E_CLI points the tests at another bundle, e.g. while bisecting a build). */
export const e2eCliPath = process.env['SOCKTUI_E2E_CLI'] || cliPath;

export interface TerminalOptions {
	columns?: number;
	rows?: number;
	env?: NodeJS.ProcessEnv;
	/** The program's working directory (default: ours). */
	cwd?: string;
	/** A program to run the CLI under, e.g. ['setsid', '-w'] (then `pid` is that program's). */
	prefix?: string[];
}

/** The child's environment: ours without CI (Ink renders nothing live when CI is set), UTF-8, a real TERM. */
export function ptyEnv(extra: NodeJS.ProcessEnv = {}): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries({
		...process.env,
		LANG: 'C.UTF-8',
		LC_ALL: '',
		TERM: 'xterm-256color',
		...extra,
	})) {
		if (value !== undefined && key !== 'CI' && key !== 'LC_ALL') env[key] = value;
	}

	if (extra['LC_ALL']) env['LC_ALL'] = extra['LC_ALL'];
	return env;
}

/**
 * The built CLI in a real pseudo-terminal, with an xterm emulator reading its output: `screen()` is what a
 * person would see, `raw` every byte the program wrote.
 */
export class TestTerminal {
	readonly pty: IPty;
	readonly term: xterm.Terminal;
	readonly chunks: string[] = [];
	titleChanges = 0;
	#exit: Promise<{exitCode: number; signal?: number}>;
	#exited = false;

	constructor(args: string[], options: TerminalOptions = {}) {
		const columns = options.columns ?? 100;
		const rows = options.rows ?? 30;
		this.term = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
		this.term.onTitleChange(() => {
			this.titleChanges++;
		});
		const env = ptyEnv(options.env);
		// node-pty sets TERM from `name`: keep the one asked for (TERM=dumb tests).
		const [file, ...prefixArgs] = [...(options.prefix ?? []), process.execPath, e2eCliPath, ...args];
		this.pty = spawnPty(file!, prefixArgs, {
			cols: columns,
			rows,
			env,
			name: env['TERM'] ?? 'xterm-256color',
			...(options.cwd ? {cwd: options.cwd} : {}),
		});
		this.pty.onData((data) => {
			this.chunks.push(data);
			this.term.write(data);
		});
		this.#exit = new Promise((resolve) => {
			this.pty.onExit((event) => {
				this.#exited = true;
				resolve(event);
			});
		});
	}

	get pid(): number {
		return this.pty.pid;
	}

	get raw(): string {
		return this.chunks.join('');
	}

	get exited(): boolean {
		return this.#exited;
	}

	/** The visible screen, one string per row, trailing spaces trimmed. */
	async screen(): Promise<string> {
		await new Promise<void>((resolve) => {
			this.term.write('', resolve);
		});
		const buffer = this.term.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < this.term.rows; row++)
			lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines.join('\n');
	}

	async isAltScreen(): Promise<boolean> {
		await this.screen();
		return this.term.buffer.active.type === 'alternate';
	}

	/** Waits until the screen matches; fails loudly with the screen as it was. */
	async waitForText(expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const screen = await this.screen();
			if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen)) return screen;
			if (Date.now() > deadline || this.#exited) {
				throw new Error(
					`screen never showed ${String(expected)} within ${timeoutMs} ms${this.#exited ? ' (the program exited)' : ''}; screen:\n${screen}\n--- end of screen`,
				);
			}

			await new Promise((resolve) => {
				setTimeout(resolve, 40);
			});
		}
	}

	async waitForNoText(text: string, timeoutMs = 10_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const screen = await this.screen();
			if (!screen.includes(text)) return screen;
			if (Date.now() > deadline)
				throw new Error(`screen still shows ${text} after ${timeoutMs} ms; screen:\n${screen}`);

			await new Promise((resolve) => {
				setTimeout(resolve, 40);
			});
		}
	}

	/** Keys one chunk at a time, the way a person types (a lone Esc needs its own chunk). */
	async type(...inputs: string[]): Promise<void> {
		for (const input of inputs) {
			this.pty.write(input);

			await new Promise((resolve) => {
				setTimeout(resolve, 30);
			});
		}
	}

	/** Closes the pty's master side, as closing a terminal window does (node-pty then sends its child SIGHUP). */
	close(): void {
		(this.pty as IPty & {destroy(): void}).destroy();
	}

	resize(columns: number, rows: number): void {
		this.pty.resize(columns, rows);
		this.term.resize(columns, rows);
	}

	async waitForExit(timeoutMs = 10_000): Promise<{exitCode: number; signal?: number}> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() =>
					void this.screen().then((screen) =>
						reject(new Error(`socktui did not exit within ${timeoutMs} ms; screen:\n${screen}`)),
					),
				timeoutMs,
			);
		});
		try {
			return await Promise.race([this.#exit, timeout]);
		} finally {
			clearTimeout(timer);
		}
	}

	/** Ends the program if it is still running (test cleanup). */
	async dispose(): Promise<void> {
		if (!this.#exited) {
			try {
				process.kill(this.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}

			await this.#exit;
		}

		this.term.dispose();
	}
}

/** PIDs of the live processes whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
	const children: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[1]) === pid && fields[0] !== 'Z') children.push(Number(name));
		} catch {
			// Already gone.
		}
	}

	return children;
}

export function isAlive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

/** Waits until none of `pids` is alive; fails loudly naming the survivors. */
export async function waitForGone(pids: number[], timeoutMs = 10_000): Promise<void> {
	await waitUntilGone(pids, timeoutMs);
}

/** PIDs shown on screen in session pane titles (`#1 TCP pid 1234`). */
export function sessionPidsOnScreen(screen: string): number[] {
	return [...screen.matchAll(/#\d+ (?:TCP|UDP) pid (\d+)/g)].map((match) => Number(match[1]));
}
