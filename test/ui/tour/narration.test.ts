import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import type {TourFigures} from '../../../source/core/tour/tour-figures.js';
import {tourStepIds} from '../../../source/core/tour/tour-steps.js';
import {narrate} from '../../../source/ui/tour/narration.js';
import {chineseTour, englishTour} from '../../../source/ui/tour/tour-messages.js';
import {wrapWords} from '../../../source/ui/wrap-words.js';

const waiting: TourFigures = {
	step: 'time-io',
	cpu: 1,
	waiting: {
		session: 2,
		pid: 102,
		waitedMs: 412,
		ran: [
			{name: '#3', ms: 300},
			{name: '#1', ms: 100},
		],
		othersMs: 0,
	},
};
const marks = new Map([[102, 'B']]);
const options = {markOf: (pid: number) => marks.get(pid), ascii: false, view: 'live' as const};

describe('tour narration', () => {
	it('cites the live figures, naming the lane the sentence is about', () => {
		expect(narrate(waiting, {...options, messages: englishTour}).said).toBe(
			'#2 (B) has waited 412 ms for its reply; meanwhile the CPU ran #3 (300 ms) and #1 (100 ms).',
		);
		expect(narrate(waiting, {...options, messages: chineseTour}).said).toBe(
			'#2 (B) 已等回复 412 ms；这期间 CPU 运行了 #3（300 ms）、#1（100 ms）。',
		);
		expect(
			narrate(
				{step: 'time-cpu', involuntaryLastSecond: 3, running: 'concurrent', jobs: []},
				{...options, messages: englishTour},
			).said,
		).toBe('3 involuntary switches in the last second: the kernel takes the CPU from a job that holds it too long.');
	});

	it('names every glyph of the view in words, in ASCII too', () => {
		const legend = narrate(waiting, {...options, messages: englishTour}).legend;
		for (const glyph of ['█', '░', '≈', 'w']) expect(legend).toContain(glyph);
		const ascii = narrate(waiting, {...options, ascii: true, messages: englishTour}).legend;
		for (const glyph of ['#', '-', '~', 'w']) expect(ascii).toContain(glyph);
		expect(ascii).toMatch(/^[\u0020-\u007E]+$/);
	});

	it('has every step in both languages, and Chinese wraps to the width in columns (CJK is two)', () => {
		for (const messages of [englishTour, chineseTour]) {
			for (const id of tourStepIds) {
				expect(messages.titles[id]).not.toBe('');
				expect(messages.pending[id]).not.toBe('');
				expect(messages.look[id]).not.toBe('');
			}
		}

		for (const width of [20, 33, 79]) {
			for (const id of tourStepIds) {
				const lines = wrapWords(`${chineseTour.pending[id]} ${chineseTour.look[id]}`, width);
				for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
				expect(lines.join('').replaceAll(' ', '')).toBe(
					`${chineseTour.pending[id]}${chineseTour.look[id]}`.replaceAll(' ', ''),
				);
			}
		}
	});

	it('steps 1 and 2 cite how the two messages sent in one go came back (reads, datagrams)', () => {
		const tcp: TourFigures = {
			step: 'tcp-stream',
			accepted: 2,
			open: 2,
			streams: [{session: 1, sent: 3, replies: 3}],
			pair: {session: 1, writes: 1, reads: 1, readSizes: [12], lines: 2},
		};
		expect(narrate(tcp, {...options, messages: englishTour}).said).toBe(
			'Connection loop: 2 accepted, 2 open. Communication loop: #1 wrote 2 messages at once and they arrived in 1 read: TCP is a stream.',
		);
		expect(narrate(tcp, {...options, messages: chineseTour}).said).toBe(
			'连接循环：已接受 2 个连接，2 个打开。通信循环：#1 一次写入 2 条消息，它们在 1 次读取中到达：TCP 是字节流。',
		);
		// Against a remote server the connection loop is not seen; the stream still is.
		expect(narrate({...tcp, accepted: 0, open: 0}, {...options, messages: englishTour}).said).toBe(
			'#1 wrote 2 messages at once: they arrived in 1 read (TCP keeps no message boundaries).',
		);
		const udp: TourFigures = {
			step: 'udp-messages',
			datagrams: 4,
			pair: {session: 2, writes: 2, reads: 2, readSizes: [5, 5], lines: 0},
		};
		expect(narrate(udp, {...options, messages: englishTour}).said).toBe(
			'#2 sent 2 datagrams at once and got 2 replies, each whole: UDP keeps message boundaries.',
		);
		expect(narrate(udp, {...options, messages: chineseTour}).said).toBe(
			'#2 一次发出 2 个数据报，收到 2 个回复，各自完整：UDP 保留消息边界。',
		);
		// With the last datagram known: its sentence first, then the pair, short (both fit two rows at 80).
		const both: TourFigures = {...udp, last: {from: '127.0.0.1:40312', text: 'auto 6', session: 2}};
		expect(narrate(both, {...options, messages: englishTour}).said).toBe(
			'4 datagrams so far; the last, "auto 6", came from 127.0.0.1:40312 = #2: each arrives whole, with its sender. #2: 2 sent at once, 2 replies.',
		);
		expect(narrate(both, {...options, messages: chineseTour}).said).toMatch(
			/“auto 6”.*#2：一次发 2 个，收到 2 个回复。$/,
		);
	});

	it("Chinese says each thing once, in the tutorial's terms (服务端), without a stray space", () => {
		const workers: TourFigures = {
			step: 'threads-processes',
			workers: [
				{kind: 'thread', id: 501, session: 1},
				{kind: 'process', id: 502, session: 2},
			],
			serverPid: 500,
		};
		const {said, look} = narrate(workers, {...options, messages: chineseTour});
		// The look sentence says "each thread and child has a lane": the figures do not say it again.
		expect(`${said}${look}`.match(/各有一条/g) ?? []).toHaveLength(1);
		const others: TourFigures = {
			step: 'time-io',
			cpu: 1,
			waiting: {session: 2, pid: 102, waitedMs: 412, ran: [], othersMs: 300},
		};
		expect(narrate(others, {...options, messages: chineseTour}).said).toContain('CPU 运行了演示之外的进程（300 ms）');
		expect(
			JSON.stringify(chineseTour, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value)),
		).not.toContain('服务器');
	});

	it('step 9 names the same total as the server pane, by PSS, and how much is shared', () => {
		const space: TourFigures = {
			step: 'space',
			processes: [
				{name: 'server', pid: 100, bytes: 12e6},
				{name: '#1', pid: 102, bytes: 11e6},
			],
			totalBytes: 23e6,
			sharedBytes: 70e6,
			byPss: true,
			machineBytes: 8e9,
		};
		expect(narrate(space, {...options, messages: englishTour}).said).toContain(
			'Memory (PSS): server 12 MB and #1 (B) 11 MB; 23 MB together, 70 MB of shared pages not counted twice',
		);
	});
});
