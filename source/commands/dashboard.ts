import process from 'node:process';
import {createDashboardLauncher} from '../core/experiment/dashboard-launcher.js';
import {loadExperiment, type RecordedExperiment} from '../core/experiment/recording.js';
import {defaults} from '../core/defaults.js';
import {SocktuiError} from '../core/errors.js';
import {SessionManager} from '../core/sessions/session-manager.js';
import {DashboardStore} from '../core/dashboard/dashboard-store.js';
import {createDashboardCommands} from '../core/dashboard/dashboard-commands.js';
import {startDashboardRuntime, type DashboardRuntime} from '../core/dashboard/dashboard-runtime.js';
import {dashboardLanguage, type Language} from '../ui/i18n/language.js';
import {detectCapabilities} from '../ui/terminal/capabilities.js';
import {enterScreen, type ScreenGuard} from '../ui/terminal/screen-guard.js';
import {AsciicastRecorder} from '../ui/terminal/asciicast-recorder.js';
import {tapStdout} from '../ui/terminal/tapped-stdout.js';
import {watchTerminalGone} from '../ui/terminal/terminal-gone.js';
import {withoutGlobalFetch} from '../ui/terminal/without-global-fetch.js';
import {withDeferredWasmTierUp} from '../ui/terminal/deferred-wasm-tier-up.js';
import type * as MountDashboard from '../ui/mount-dashboard.js';
import type {TerminalCapabilities} from '../ui/terminal/capabilities.js';
import {parseSimSpec, type SimSpec} from '../core/ostep/process-run/sim-spec.js';
import {ServerProcess} from '../core/server-process/server-process.js';
import {parseWatchPids, startLiveTimeline, startPinnedCpu, type LiveTimeline} from '../core/dashboard/live-timeline.js';
import {createDashboardTour} from '../core/tour/dashboard-tour.js';
import {memoryLogOptions, startMemoryLog} from '../core/procs/memory-log.js';
import type {Command} from './command.js';
import {
	flagText,
	languageFlags,
	modelFlags,
	parseHostPort,
	parseLanguageFlag,
	parseModelFlags,
	parsePort,
} from './options.js';

const maxStartSessions = 8;

const help = `  socktui: a terminal dashboard for teaching sockets and processes

  Usage
    $ socktui [options]          the dashboard (needs a terminal)
    $ socktui COMMAND [options]  a headless command (see below)

  Dashboard options
    --port P          port of the dashboard's TCP and UDP echo servers, which run in their own
                      process (default ${defaults.port};
                      if the default is taken a free port is used; 0 = a free port)
    --host H          address the servers bind (default ${defaults.host}; anything but loopback
                      is reachable from other machines)
    --sessions N      client sessions opened at start, alternately TCP and UDP (default ${defaults.sessions},
                      at most ${maxStartSessions}; n and u open more, up to ${defaults.maxSessions} in all)
    --connect H:P     sessions talk to this server instead (e.g. the tutorial's Python server);
                      socktui then runs no server of its own
    --connect-udp H:P UDP sessions talk to this server (e.g. the tutorial's plain UDP server,
                      --connect-udp 127.0.0.1:8080); --connect-tcp H:P the same for TCP (its
                      socketserver one, 127.0.0.1:8082). With only one, socktui's own server
                      serves the other protocol; either overrides --connect for its protocol
    --sim "OPTIONS"   open the simulator view with these process-run options,
                      e.g. --sim "-l 5:100,5:100 -S SWITCH_ON_IO"
    --watch PID[,PID] also show these processes in the live timeline, each with a lane per thread
                      and per child process (e.g. the tutorial's Python server)
    --model M         how the server serves clients: event-loop (default), iterative (one at a
                      time), threads (a thread per connection), processes (a child per
                      connection); m cycles it while running (see 'socktui server --help')
    --reply-delay MS  the server's handler waits MS before replying (+/- change it)
    --handler-cpu MS  the handler burns MS of CPU per message (> and < change it)
    --pool N          with --model processes: N pre-started children
    --tour            start in the guided tour (the same as 'socktui tour'; t toggles it)
    --one-cpu         pin the server and the sessions to one CPU and this dashboard to another
                      (Linux, needs taskset; o toggles it)
    --no-color        no colour (also NO_COLOR=1 or TERM=dumb)
    --ascii           ASCII borders and glyphs (automatic when the locale is not UTF-8)
    --record FILE     write the whole session to FILE as an asciicast v2 recording
                      (replay it with 'asciinema play FILE'); S saves the timeline as SVG.
                      FILE is created new, mode 0600; an existing FILE is refused, and so is
                      a symlink, a FIFO, a device or a directory
    --overwrite       with --record: replace FILE if it is an existing regular file
    --load-experiment FILE[,FILE]  show runs saved with 'socktui experiment --save' in the
                      experiment view and tour steps 6 and 8, labelled as recorded (a busy laptop)
    --lang L          en or zh (中文): the words of the help, status bar and pane titles
                      (default: zh when LC_ALL, LC_MESSAGES or LANG starts with zh, else en)
    --help, --version

  Keys: ? shows them all. n new TCP session, u new UDP session, Tab/1-9 focus, Enter type and send,
  x close a session, b two messages in one go (TCP: a stream, UDP: datagrams), t guided tour,
  m server model, r restart the server process after it stopped,
  d show/hide the dashboard's own timeline lane, S save the timeline as SVG, q quit.`;

/** `--connect` (both protocols), `--connect-tcp`, `--connect-udp` (each overrides `--connect` for its protocol). */
function parseConnect(
	flags: Record<string, unknown>,
): Partial<Record<'tcp' | 'udp', {host: string; port: number}>> | undefined {
	const both = flags['connect'] === undefined ? undefined : parseHostPort(flags['connect'], '--connect');
	const tcp = flags['connectTcp'] === undefined ? both : parseHostPort(flags['connectTcp'], '--connect-tcp');
	const udp = flags['connectUdp'] === undefined ? both : parseHostPort(flags['connectUdp'], '--connect-udp');
	if (!tcp && !udp) return undefined;
	return {...(tcp ? {tcp} : {}), ...(udp ? {udp} : {})};
}

function parseSessions(value: unknown): number {
	if (value === undefined) return defaults.sessions;
	const text = flagText(value);
	if (!/^\d+$/.test(text) || Number(text) > maxStartSessions) {
		throw new SocktuiError('BadUsage', `--sessions must be a number from 0 to ${maxStartSessions}, got '${text}'`);
	}

	return Number(text);
}

function needsTerminal(): SocktuiError {
	return new SocktuiError(
		'NeedsTerminal',
		"the dashboard needs a terminal (stdin and stdout must be a TTY); use 'socktui server' or 'socktui client' for pipes and scripts",
	);
}

export const dashboardCommand: Command = {
	name: 'dashboard',
	summary: 'the full-screen dashboard (default)',
	help,
	flags: {
		port: {type: 'string'},
		host: {type: 'string', default: defaults.host},
		sessions: {type: 'string'},
		connect: {type: 'string'},
		connectTcp: {type: 'string'},
		connectUdp: {type: 'string'},
		sim: {type: 'string'},
		oneCpu: {type: 'boolean', default: false},
		color: {type: 'boolean', default: true},
		ascii: {type: 'boolean', default: false},
		watch: {type: 'string'},
		tour: {type: 'boolean', default: false},
		record: {type: 'string'},
		overwrite: {type: 'boolean', default: false},
		loadExperiment: {type: 'string'},
		...modelFlags,
		...languageFlags,
	},
	async run({flags}) {
		// Flags first (a typo is a usage error even without a terminal), then the terminal check.
		const port = flags['port'] === undefined ? undefined : parsePort(flags['port']);
		const connect = parseConnect(flags);
		const sessionCount = parseSessions(flags['sessions']);
		const host = flags['host'] === undefined ? defaults.host : flagText(flags['host']);
		const simSpec: SimSpec | undefined = flags['sim'] === undefined ? undefined : parseSimSpec(flagText(flags['sim']));
		const watchPids = flags['watch'] === undefined ? [] : parseWatchPids(flagText(flags['watch']));
		const models = parseModelFlags(flags);
		const lang = parseLanguageFlag(flags['lang']);
		// A recorded experiment that cannot be read is one line, exit 2, before anything starts.
		const recordings =
			flags['loadExperiment'] === undefined
				? []
				: flagText(flags['loadExperiment'])
						.split(',')
						.map((path) => loadExperiment(path));
		if (
			connect?.tcp &&
			connect.udp &&
			(models.model !== 'event-loop' || models.replyDelayMs > 0 || models.handlerCpuMs > 0)
		)
			throw new SocktuiError(
				'BadUsage',
				"--model, --reply-delay and --handler-cpu set up socktui's own server; with --connect there is none",
			);
		if (!process.stdin.isTTY || !process.stdout.isTTY) throw needsTerminal();
		// Opened before anything starts, so a path that cannot be written is one line and no screen.
		const recorder =
			flags['record'] === undefined ? undefined : openRecording(flagText(flags['record']), flags['overwrite'] === true);
		const memoryLog = memoryLogOptions(process.env);
		// For `npm run bench soak`: the dashboard's own heap, which /proc cannot tell. Opened before anything
		// starts, so a bad path is one line and nothing to clean up.
		const memoryLogger = memoryLog ? startMemoryLog(memoryLog) : undefined;
		// Ink, React and Yoga (a chunk of their own) load while the server process starts, on this core while
		// the child boots on another; the first frame waits for both.
		const ui = loadUi();

		const capabilities = detectCapabilities(process.env, {
			color: flags['color'] !== false,
			ascii: flags['ascii'] === true,
		});
		const language = dashboardLanguage(lang, process.env, capabilities.ascii);
		const store = new DashboardStore({ascii: capabilities.ascii, frameRateHz: defaults.frameRateHz});
		// The server process binds before the screen changes, so a taken --port is one plain line on stderr.
		const runtime = await startDashboardRuntime({
			host,
			...(port === undefined ? {} : {port}),
			...(connect ? {connect} : {}),
			sessions: sessionCount,
			serverOptions: models,
			store,
			createServerProcess: (server) => new ServerProcess({server}),
			// With --one-cpu the first sessions start pinned (so their titles say so); the toggle below pins the server and this process.
			createSessionManager: (target, byProtocol) =>
				new SessionManager({
					target,
					...(byProtocol ? {targets: byProtocol} : {}),
					pinCpu: startPinnedCpu(flags['oneCpu'] === true),
				}),
		});
		// The live timeline (and one-CPU mode, which moves the processes it watches) follows the runtime.
		const timeline = await startLiveTimeline({runtime, store, watchPids, oneCpu: flags['oneCpu'] === true});
		try {
			return await runDashboard({
				ui,
				runtime,
				store,
				capabilities,
				language,
				simSpec,
				timeline,
				tour: flags['tour'] === true,
				startSessions: sessionCount,
				recorder,
				recordings,
			});
		} finally {
			memoryLogger?.stop();
			timeline.close();
			recorder?.close();
		}
	},
};

type Ui = typeof MountDashboard;

async function loadUi(): Promise<Ui> {
	const loading = withDeferredWasmTierUp(async () =>
		withoutGlobalFetch(async () => import('../ui/mount-dashboard.js')),
	);
	// Awaited by runDashboard; if the server fails to start first, the process ends with that error instead.
	loading.catch(() => {});
	return loading;
}

interface RunOptions {
	ui: Promise<Ui>;
	runtime: DashboardRuntime;
	store: DashboardStore;
	capabilities: TerminalCapabilities;
	language: Language;
	simSpec: SimSpec | undefined;
	timeline: LiveTimeline;
	/** Start in the guided tour (`socktui tour`, `--tour`). */
	tour: boolean;
	/** Sessions the runtime opens right after the first frame. */
	startSessions: number;
	recorder: AsciicastRecorder | undefined;
	/** `--load-experiment`: recorded runs for the experiment view and the tour. */
	recordings: readonly RecordedExperiment[];
}

/** `--record FILE`: the recording, its header sized like the terminal now. */
function openRecording(path: string, overwrite: boolean): AsciicastRecorder {
	if (path.trim() === '') throw new SocktuiError('BadUsage', '--record needs a file name, e.g. --record demo.cast');
	return new AsciicastRecorder(
		path,
		{
			// As the frame writer sizes its frames when the terminal does not say.
			width: process.stdout.columns || 80,
			height: process.stdout.rows || 24,
			timestamp: Math.floor(Date.now() / 1000),
			env: {TERM: process.env['TERM'] ?? '', ...(process.env['SHELL'] ? {SHELL: process.env['SHELL']} : {})},
			title: 'socktui',
		},
		{overwrite},
	);
}

const signalNumbers: Partial<Record<NodeJS.Signals, number>> = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15};

/**
 * Full screen from here on. Every way out (q, Ctrl-C, SIGTERM, SIGHUP, a crash) leaves the alternate
 * screen, shows the cursor, turns raw mode off and ends every session process.
 */
async function runDashboard({
	ui: loadingUi,
	runtime,
	store,
	capabilities,
	language,
	simSpec,
	timeline,
	tour: startTour,
	startSessions,
	recorder,
	recordings,
}: RunOptions): Promise<number> {
	let finish!: (code: number) => void;
	const finished = new Promise<number>((resolve) => {
		finish = resolve;
	});
	let screen: ScreenGuard | undefined;
	const {sampler, oneCpu} = timeline;
	// The experiment view's jobs get lanes in the live timeline; they end with the dashboard, whatever the way out.
	const experiments = createDashboardLauncher(runtime, (pid, label) => sampler.watch(pid, label), recordings);

	// With --record, every write to the terminal (the screen guard's too) is also appended to the recording.
	const terminal = recorder ? tapStdout(process.stdout, recorder) : undefined;
	const onExit = () => {
		screen?.restore();
		recorder?.close();
		experiments.killNow();
		runtime.killAllNow();
	};

	const onSignal = (signal: NodeJS.Signals) => finish(128 + (signalNumbers[signal] ?? 1));
	const onCrash = (error: unknown) => {
		screen?.restore();
		experiments.killNow();
		runtime.killAllNow();
		const message = error instanceof Error ? error.message : String(error);
		try {
			process.stderr.write(`socktui: internal error: ${message.split('\n')[0]}\n`);
		} catch {
			// stderr is gone too (a closed terminal): nothing left to tell.
		}

		// Unavoidable exit: after an uncaught error the process state is unknown; the terminal is already restored.
		process.exit(1);
	};

	// After SIGHUP the terminal is gone and writes fail with EIO: that must not become a crash.
	const ignoreStreamError = () => {};
	process.stdout.on('error', ignoreStreamError);
	process.stdin.on('error', ignoreStreamError);
	// A terminal closed without a SIGHUP (a dashboard in a session of its own: setsid, su) ends it the same way.
	const terminalWatch = watchTerminalGone({
		stdin: process.stdin,
		stdout: process.stdout,
		onGone: () => onSignal('SIGHUP'),
	});
	process.on('exit', onExit);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	for (const signal of Object.keys(signalNumbers) as NodeJS.Signals[]) process.on(signal, onSignal);

	const commands = createDashboardCommands({
		runtime,
		store,
		oneCpu,
		toggleDashboardLane: () => timeline.toggleDashboardLane(),
		watchProcess: (pids) => timeline.watchProcess(pids),
		quit: () => finish(0),
	});
	const tour = createDashboardTour({
		runtime,
		store,
		commands,
		oneCpu,
		dashboardLane: () => timeline.dashboardLane(),
		experiments,
	});

	// The first frame comes before the first sessions start (the runtime opens them on the next turn of the
	// event loop): their processes would compete with it for the CPU. Focus waits for session #1.
	const ui = await loadingUi;
	screen = enterScreen({stdin: process.stdin, stdout: terminal?.guard ?? process.stdout});
	store.flush();
	const {instance, writer} = ui.mountDashboard({
		store,
		commands,
		capabilities,
		language,
		...(simSpec ? {simSpec} : {}),
		sampler,
		experiments,
		streams: {stdin: process.stdin, stdout: terminal?.stdout ?? process.stdout},
		tour,
		focusFirstSession: startSessions > 0,
	});
	if (startTour) tour.start();
	const code = await finished;
	terminalWatch.dispose();
	tour.dispose();

	experiments.killNow();
	instance.unmount();
	writer.detach();
	screen.restore();
	terminal?.detach();
	recorder?.close();
	if (recorder?.error !== undefined)
		process.stderr.write(`socktui: --record: the recording stopped early: ${recorder.error}\n`);
	store.dispose();
	await runtime.shutdown();
	process.off('exit', onExit);
	process.off('uncaughtException', onCrash);
	process.off('unhandledRejection', onCrash);
	for (const signal of Object.keys(signalNumbers) as NodeJS.Signals[]) process.off(signal, onSignal);
	process.stdin.pause();
	// If a forgotten handle kept the process alive, do not hang a user's terminal; unref'd, so it never
	// delays a normal exit.
	setTimeout(() => process.exit(), 3000).unref();
	return code;
}
