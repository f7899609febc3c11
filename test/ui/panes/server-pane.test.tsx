import {render} from 'ink-testing-library';
import {newGuardStats} from '../../../source/core/echo/counters.js';
import {quietModelStats} from '../../../source/core/echo/server-model.js';
import {act} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import type {KnobsView, LogEntry, ServerView} from '../../../source/core/dashboard/snapshot.js';
import {displayWidth} from '../../../source/core/text/display-width.js';
import {messagesFor} from '../../../source/ui/i18n/catalogues.js';
import {MessagesContext} from '../../../source/ui/i18n/use-messages.js';
import {ServerPane} from '../../../source/ui/panes/server-pane.js';
import {serverView} from '../../helpers/server-view.js';
import {englishOn} from '../helpers/english-words.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: Array<{unmount: () => void}> = [];
afterEach(() => {
	for (const instance of mounted.splice(0)) act(() => instance.unmount());
});

const zero = newGuardStats();

const server = serverView;

function frame(servers: ServerView[]): string {
	let instance!: ReturnType<typeof render>;
	act(() => {
		instance = render(
			<ServerPane servers={servers} log={[]} notices={[]} serverPid={1} width={70} height={12} focused={false} />,
		);
	});
	mounted.push(instance);
	return instance.lastFrame()!;
}

describe('ServerPane guards line', () => {
	it('is absent on a quiet network', () => {
		expect(frame([server({guards: zero, kernelDrops: {count: 0}})])).not.toContain('guards');
	});

	it('shows what the guards did, and kernel drops, compactly', () => {
		const text = frame([
			server({
				guards: {...zero, loopsSuspected: 1, muted: 98, unreplyable: 2, ownAddress: 1},
				kernelDrops: {count: 1500},
			}),
			server({protocol: 'tcp', guards: {...zero, idleClosed: 3, evicted: 4}}),
		]);
		expect(text).toMatch(/guards loop 1 . muted 98 . bad src 3 . idle 7 . kernel drops 1[.,]?5k/);
	});
});

describe('ServerPane server model at 80 columns', () => {
	function modelFrame(servers: ServerView[], focused: boolean): string {
		let instance!: ReturnType<typeof render>;
		act(() => {
			instance = render(
				<ServerPane servers={servers} log={[]} notices={[]} serverPid={1} width={80} height={14} focused={focused} />,
			);
		});
		mounted.push(instance);
		return instance.lastFrame()!;
	}

	const peer = {address: '127.0.0.1', port: 40_001};

	it('iterative: the waiting clients with how long each has waited, the list cut with +N more, every line within 80', () => {
		const since = Date.now() - 5000;
		const text = modelFrame(
			[
				server({
					protocol: 'tcp',
					models: {
						...quietModelStats('iterative'),
						queued: [1, 2, 3, 4].map((index) => ({connectionId: `tcp:127.0.0.1:4000${index}`, peer, since})),
						queuedCount: 9,
					},
				}),
			],
			true,
		);
		expect(text).toContain('model iterative: one client at a time (TCPServer)');
		expect(text).toMatch(/TCP waiting their turn: :40001 5\.\d s, :40002 5\.\d s, :40003 5\.\d s \+6 more/);
		expect(text).toContain('</> cpu, m model');
		for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	});

	it('threads: the threads with their TIDs and the client each serves, cut with +N more; waits and failures', () => {
		const text = modelFrame(
			[
				server({
					protocol: 'tcp',
					models: {
						...quietModelStats('threads'),
						workers: Array.from({length: 32}, (_, index) => ({
							kind: 'thread' as const,
							tid: 7000 + index,
							connectionId: `tcp:127.0.0.1:${41_000 + index}`,
						})),
						workerCount: 40,
						waitingForWorker: 3,
						handlerFailures: 2,
					},
				}),
			],
			false,
		);
		expect(text).toContain('TCP 40 threads: TID 7000 :41000, 7001 :41001, 7002 :41002 +37 more');
		expect(text).toContain('TCP 3 waiting for a free thread');
		expect(text).toContain('TCP handler failures: 2 (each ended one client)');
		for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	});
});

describe('ServerPane in Chinese (issue 21)', () => {
	function zhFrame(props: Partial<Parameters<typeof ServerPane>[0]>, width = 48): string {
		let instance!: ReturnType<typeof render>;
		act(() => {
			instance = render(
				<MessagesContext.Provider value={messagesFor('zh')}>
					<ServerPane
						servers={[]}
						log={[]}
						notices={[]}
						serverPid={4242}
						width={width}
						height={24}
						focused
						{...props}
					/>
				</MessagesContext.Provider>,
			);
		});
		mounted.push(instance);
		return instance.lastFrame()!;
	}

	const entry = (id: number, kind: LogEntry['kind'], note?: LogEntry['note']): LogEntry => ({
		id,
		at: 0,
		protocol: 'udp',
		peer: '127.0.0.1:40001',
		kind,
		text: '',
		...(note ? {note} : {}),
	});

	it("words the server's lines, its log's own lines, its model and the core's notices, with no English word", () => {
		const text = zhFrame({
			servers: [
				server({guards: {...zero, muted: 3}, kernelDrops: {count: 0}}),
				server({protocol: 'tcp', models: {...quietModelStats('threads')}}),
			],
			serverProcess: {pid: 4242, state: 'exited', code: null, signal: 'SIGKILL'},
			log: [
				entry(1, 'close', {code: 'closed', reason: 'end'}),
				entry(2, 'dropped', {code: 'dropped', bytes: 70_000, reason: 'too-large'}),
				entry(3, 'skipped', {code: 'skipped', count: 12}),
			],
			notices: [{id: 9, level: 'warn', notice: {code: 'portFellBack', params: {from: 8082, port: 9000}}}],
			memory: {rssBytes: 150e6, pssBytes: 58e6, sharedBytes: 92e6, processes: 3, pssMissing: 0, each: []},
		});
		expect(text).toContain('服务端进程 4242 被杀死 (SIGKILL):');
		expect(text).toContain('R 重启它 (同一端口)');
		expect(text).toContain('已断开 (对端关闭)');
		expect(text).toContain('已丢弃 (70000 B (太大))');
		expect(text).toContain('另有 12 行未显示');
		expect(text).toContain('! 端口 8082 已被占用; 改用 9000');
		expect(text).toContain('模型 threads: 每个客户端一个线程');
		expect(text).toContain('防护 静默 3');
		expect(englishOn(text), text).toEqual([]);
		for (const line of text.split('\n')) expect(displayWidth(line), line).toBe(48);
	});

	it('the title names the model beside a Chinese word', () => {
		expect(zhFrame({servers: [server({protocol: 'tcp', models: quietModelStats('iterative')})]}, 60)).toContain(
			'服务端 (pid 4242, 模型 iterative)',
		);
	});
});

describe('ServerPane: a TCP read with more or less than one line says so', () => {
	it('names the read and where its lines ended, in the log line', () => {
		const log = [
			{
				id: 1,
				at: 0,
				protocol: 'tcp' as const,
				peer: '127.0.0.1:40000',
				kind: 'in' as const,
				text: 'hello\\nworld\\n',
				read: {byteCount: 12, lines: 2, lineEnds: [6, 12]},
			},
			{
				id: 2,
				at: 0,
				protocol: 'tcp' as const,
				peer: '127.0.0.1:40000',
				kind: 'in' as const,
				text: 'one\\n',
				read: {byteCount: 4, lines: 1, lineEnds: [4]},
			},
		];
		let instance!: ReturnType<typeof render>;
		act(() => {
			instance = render(
				<ServerPane servers={[]} log={log} notices={[]} serverPid={1} width={80} height={8} focused={false} />,
			);
		});
		mounted.push(instance);
		const text = instance.lastFrame()!;
		expect(text).toContain('>> 1 read = 2 msgs: hello\\nworld\\n');
		expect(text).toContain('>> one\\n');
	});
});

describe('ServerPane: separate UDP and TCP targets (--connect-udp, --connect-tcp)', () => {
	function remoteFrame(props: Partial<Parameters<typeof ServerPane>[0]>): string {
		let instance!: ReturnType<typeof render>;
		act(() => {
			instance = render(
				<ServerPane
					servers={[]}
					log={[]}
					notices={[]}
					serverPid={1}
					width={80}
					height={14}
					focused={false}
					{...props}
				/>,
			);
		});
		mounted.push(instance);
		return instance.lastFrame()!;
	}

	it('both remote: names the server of each protocol, neither visible', () => {
		const text = remoteFrame({
			remote: {address: '127.0.0.1', port: 8082},
			remotes: {tcp: {address: '127.0.0.1', port: 8082}, udp: {address: '127.0.0.1', port: 8080}},
			remoteSessions: [],
		});
		expect(text).toContain('Remote TCP server 127.0.0.1:8082');
		expect(text).toContain('Remote UDP server 127.0.0.1:8080');
		expect(text).not.toContain('Remote server');
	});

	it('one remote: its own servers as usual, and which protocol goes elsewhere, unseen', () => {
		const text = remoteFrame({
			servers: [server({protocol: 'tcp'})],
			remotes: {udp: {address: '127.0.0.1', port: 8080}},
		});
		expect(text).toContain('TCP listening');
		expect(text).toContain('UDP remote 127.0.0.1:8080 (not visible)');
	});
});

describe('ServerPane totals hint (issue 21: cut with … at narrow widths)', () => {
	it.each([
		['en', 38, '(+/- delay, </> cpu, m model)'],
		['zh', 38, '(+/- 延迟, </> cpu, m 模型)'],
		['en', 60, '(+/- delay, </> cpu, m model)'],
		['zh', 60, '(+/- 延迟, </> cpu, m 模型)'],
	] as const)(
		'%s at %i columns: the totals wrap by words and the hint shows whole, nothing cut',
		(language, width, hint) => {
			let instance!: ReturnType<typeof render>;
			act(() => {
				instance = render(
					<MessagesContext.Provider value={messagesFor(language)}>
						<ServerPane servers={[server({})]} log={[]} notices={[]} serverPid={1} width={width} height={14} focused />
					</MessagesContext.Provider>,
				);
			});
			mounted.push(instance);
			const text = instance.lastFrame()!;
			expect(text).toContain(hint);
			expect(text).not.toContain('…');
			for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
		},
	);
});

describe('ServerPane: a knob asked for is shown as pending until the server confirms it', () => {
	function knobFrame(language: 'en' | 'zh', knobs: KnobsView | undefined, width = 80): string {
		let instance!: ReturnType<typeof render>;
		act(() => {
			instance = render(
				<MessagesContext.Provider value={messagesFor(language)}>
					<ServerPane
						servers={[server({protocol: 'tcp', models: quietModelStats()}), server()]}
						{...(knobs ? {knobs} : {})}
						log={[]}
						notices={[]}
						serverPid={4242}
						width={width}
						height={14}
						focused
					/>
				</MessagesContext.Provider>,
			);
		});
		mounted.push(instance);
		return instance.lastFrame()!;
	}

	const asked = {model: 'threads', replyDelayMs: 200, handlerCpuMs: 20} as const;
	const pending = {asked, pending: {model: true, replyDelayMs: true, handlerCpuMs: true}};
	const confirmed = {asked, pending: {model: false, replyDelayMs: false, handlerCpuMs: false}};

	it('says asked, not yet confirmed, after the delay, the CPU and the model; nothing once confirmed', () => {
		const text = knobFrame('en', pending).replaceAll(/\s*│\s*/g, ' ');
		expect(text).toContain('delay 200 ms (asked, not yet confirmed)');
		expect(text).toContain('cpu 20 ms (asked, not yet confirmed)');
		expect(text).toContain('model threads (asked, not yet confirmed)');
		const done = knobFrame('en', confirmed);
		expect(done).not.toContain('asked');
		expect(done).toContain('delay 200 ms');
		expect(done).toContain('cpu 20 ms');
	});

	it('in Chinese, within 48 and 80 columns', () => {
		for (const width of [48, 80]) {
			const text = knobFrame('zh', pending, width);
			expect(text.replaceAll(/\s*│\s*/g, ' ')).toContain('延迟 200 ms (已请求, 尚未确认)');
			expect(text).toContain('模型 threads (已请求, 尚未确认)');
			expect(englishOn(text), text).toEqual([]);
			for (const line of text.split('\n')) expect(displayWidth(line), line).toBe(width);
			expect(knobFrame('zh', confirmed, width)).not.toContain('已请求');
		}
	});
});
