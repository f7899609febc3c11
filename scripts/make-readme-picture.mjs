// Regenerates the README's pictures with socktui itself: `npm run docs:picture` (builds first).
//
// docs/images/dashboard.svg is the whole dashboard: socktui runs in a pseudo-terminal (100x30) with
// `--record`, its two sessions (TCP #1, UDP #2) send a few messages to its own server, and after the live
// timeline has drawn them for a while it quits; `socktui export-svg --screen` then draws the recording's last
// screen. The recording is committed beside the picture (docs/images/dashboard.cast): PIDs, ports, round
// trips and the timeline differ on every run, so a new recording never matches the old one byte for byte,
// but drawing the committed recording does. docs/images/multiplexing.svg (the simulator, deterministic) is
// drawn with `export-svg --sim`.
//
// `node scripts/make-readme-picture.mjs --check` (needs a build) records nothing: it draws both pictures
// again from their inputs with the current build and fails when a committed file differs.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli.js');
const images = path.join(root, 'docs/images');
const dashboardCast = path.join(images, 'dashboard.cast');
const dashboardSvg = path.join(images, 'dashboard.svg');
const simSvg = path.join(images, 'multiplexing.svg');
// Tour step 7's idea on the simulator: three programs with IO, serial against multiprogrammed.
const simOptions = '-P c3,i:c2,i,c1:i,c4 -L 4 --compare';
const size = {columns: 100, rows: 30};
// Two sessions (TCP #1, UDP #2); the handler burns 40 ms of CPU per message, so each one shows on the
// server's lane as a run.
const dashboardArgs = ['--port', '0', '--sessions', '2', '--handler-cpu', '40'];

// The same output whatever the caller's terminal settings: colour on, UTF-8 glyphs, English.
const env = {...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color'};
delete env.NO_COLOR;
delete env.CI; // Ink draws nothing live when CI is set.

const socktui = (...args) => execFileSync(process.execPath, [cli, ...args], {encoding: 'utf8', env});
const drawDashboard = (cast) => socktui('export-svg', '--screen', cast);
const drawSim = () => socktui('export-svg', '--sim', simOptions);

/** Runs the dashboard in a pseudo-terminal with `--record cast`, drives it as a person would, and quits. */
async function recordDashboard(cast) {
	const {spawn} = await import('@lydell/node-pty');
	const {default: xterm} = await import('@xterm/headless');
	const term = new xterm.Terminal({cols: size.columns, rows: size.rows, allowProposedApi: true});
	const pty = spawn(process.execPath, [cli, ...dashboardArgs, '--record', cast, '--overwrite'], {
		cols: size.columns,
		rows: size.rows,
		env,
		name: 'xterm-256color',
	});
	let exited = false;
	const exit = new Promise((resolve) => {
		pty.onExit((event) => {
			exited = true;
			resolve(event);
		});
	});
	pty.onData((data) => term.write(data));
	const screen = async () => {
		await new Promise((resolve) => term.write('', resolve));
		const buffer = term.buffer.active;
		return Array.from({length: term.rows}, (_, row) => buffer.getLine(row)?.translateToString(true) ?? '').join('\n');
	};

	const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
	const waitFor = async (pattern, what) => {
		for (let tries = 0; tries < 300; tries++) {
			const shown = await screen();
			if (pattern.test(shown)) return;
			if (exited) break;
			await sleep(50);
		}

		throw new Error(`the dashboard never showed ${what}; screen:\n${await screen()}`);
	};

	const type = async (...inputs) => {
		for (const input of inputs) {
			pty.write(input);
			await sleep(120);
		}
	};

	try {
		await waitFor(/TCP listening 127\.0\.0\.1:\d+/, 'its server');
		await waitFor(/^.connected\b.*\bready \(UDP: no connection\)/m, 'two sessions');
		// Session #1 (TCP, focused at start): two messages.
		await type('\r', 'hello', '\r');
		await waitFor(/HELLO \(\d+(\.\d+)? ms\)/, 'the TCP reply');
		await sleep(300);
		await type('hello again', '\r');
		await waitFor(/HELLO AGAIN \(\d+(\.\d+)? ms\)/, 'the second TCP reply');
		await type('\u001B');
		// Session #2 (UDP): two datagrams.
		await type('2', '\r', 'ping over udp', '\r');
		await waitFor(/PING OVER UDP \(\d+(\.\d+)? ms\)/, 'the UDP reply');
		await sleep(300);
		await type('datagrams keep boundaries', '\r');
		await waitFor(/DATAGRAMS KEEP BOUNDARIES \(\d+(\.\d+)? ms\)/, 'the second UDP reply');
		await type('\u001B');
		// The live timeline draws a few more samples of the sessions having worked.
		await sleep(700);
		// The dashboard's own start-up (and this script's) can still count as other programs' CPU in the
		// timeline's last seconds: wait a little for that true but distracting warning to pass.
		for (let tries = 0; tries < 100 && /other programs took/.test(await screen()); tries++) await sleep(100);
		if (/other programs took/.test(await screen()))
			console.warn('note: the picture shows the busy-machine warning (other programs used the CPU)');
		// One more datagram, so the timeline shows the server's handler running for it.
		await type('\r', 'one cpu, many processes', '\r');
		await waitFor(/ONE CPU, MANY PROCESSES \(\d+(\.\d+)? ms\)/, 'the third UDP reply');
		await type('\u001B');
		await sleep(500);
		await type('q');
		const {exitCode} = await Promise.race([exit, sleep(10_000).then(() => ({exitCode: 'none (still running)'}))]);
		if (exitCode !== 0) throw new Error(`the dashboard exited with ${exitCode}`);
	} finally {
		if (!exited) pty.kill();
		term.dispose();
	}
}

const relative = (file) => path.relative(root, file);

if (process.argv.includes('--check')) {
	const stale = [
		[dashboardSvg, drawDashboard(dashboardCast)],
		[simSvg, drawSim()],
	].filter(([file, svg]) => readFileSync(file, 'utf8') !== svg);
	for (const [file] of stale) console.error(`${relative(file)} is out of date: run npm run docs:picture`);
	if (stale.length > 0) process.exit(1);
} else {
	const scratch = mkdtempSync(path.join(tmpdir(), 'socktui-picture-'));
	try {
		const cast = path.join(scratch, 'dashboard.cast');
		await recordDashboard(cast);
		writeFileSync(dashboardCast, readFileSync(cast, 'utf8'));
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}

	writeFileSync(dashboardSvg, drawDashboard(dashboardCast));
	console.log(`wrote ${relative(dashboardCast)} and ${relative(dashboardSvg)} (socktui --record, export-svg --screen)`);
	writeFileSync(simSvg, drawSim());
	console.log(`wrote ${relative(simSvg)} (socktui export-svg --sim "${simOptions}")`);
}
