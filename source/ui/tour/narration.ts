import type {TourFigures} from '../../core/tour/tour-figures.js';
import type {TourView} from '../../core/tour/tour-steps.js';
import {asciiGlyphs, unicodeGlyphs} from '../panes/sim/sim-glyphs.js';
import {asciiLiveGlyphs, unicodeLiveGlyphs} from '../panes/live-timeline/live-glyphs.js';
import {formatBytes} from '../format.js';
import type {TourMessages} from './tour-messages.js';

export interface Narration {
	/** What the figures say now (or what the step is waiting for). */
	said: string;
	/** What to look at on the screen. */
	look: string;
	/** The glyphs of the view the step shows, named in words. */
	legend: string;
}

export interface NarrationOptions {
	messages: TourMessages;
	/** The lane letter the live timeline gives a process, when it has a lane. */
	markOf: (pid: number) => string | undefined;
	ascii: boolean;
	view: TourView;
	error?: string;
}

export function formatMs(ms: number): string {
	return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The machine's memory, in decimal GB (the processes' figures use formatBytes, as the panes do). */
function formatMachineBytes(bytes: number): string {
	return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** The narration of a step from its live figures: sentences in the chosen language, never canned numbers. */
export function narrate(figures: TourFigures, options: NarrationOptions): Narration {
	const {messages} = options;
	const legend =
		options.view === 'experiment'
			? messages.experimentLegend(
					(({run, ready, blocked}) => ({run, ready, blocked}))((options.ascii ? asciiGlyphs : unicodeGlyphs).cell),
				)
			: (() => {
					const glyphs = options.ascii ? asciiLiveGlyphs : unicodeLiveGlyphs;
					return messages.liveLegend({
						running: glyphs.cell.running,
						runnable: glyphs.cell.runnable,
						sleeping: glyphs.cell.sleeping,
						waiting: glyphs.phase['waiting-reply'],
					});
				})();
	const said = sentence(figures, options);
	return {
		said: options.error === undefined ? said : messages.sentences(messages.incomplete(options.error), said),
		look: messages.look[figures.step],
		legend,
	};
}

/** `#2 (B)`: the session and its lane letter, so the sentence points at the lane. */
function named(name: string, pid: number | undefined, markOf: NarrationOptions['markOf']): string {
	const mark = pid === undefined ? undefined : markOf(pid);
	return mark === undefined ? name : `${name} (${mark})`;
}

/**
 * What a finished experiment means, from its verdict: a disturbed run says so instead of a verdict; an
 * unknown load is said; a recording is labelled as recorded. `figures`: the step's own figures sentence.
 */
function judged(
	figures: Extract<TourFigures, {step: 'serial-concurrent' | 'time-cpu'}>,
	said: string,
	messages: TourMessages,
): string {
	const {verdict} = figures;
	let text = said;
	if (verdict?.code === 'disturbed') {
		const {run, cpus, otherPct, otherMs} = verdict.params;
		text = messages.disturbed(run, cpus.join(','), otherPct, formatMs(otherMs));
	} else if (verdict) {
		text = messages.sentences(said, messages.verdict(verdict));
		if (figures.loadUnknown) text = messages.sentences(text, messages.loadUnknown);
	}

	return figures.recorded
		? messages.sentences(messages.recorded(figures.recorded.savedAt, figures.recorded.hostname), text)
		: text;
}

function sentence(figures: TourFigures, {messages, markOf}: NarrationOptions): string {
	const pending = messages.pending[figures.step];
	switch (figures.step) {
		case 'udp-messages': {
			const {last, pair} = figures;
			if (!last) return pair ? messages.udpPair(`#${pair.session}`, pair.writes, pair.reads) : pending;
			const from = last.session === undefined ? last.from : `${last.from} = #${last.session}`;
			const said = messages.udpLast(figures.datagrams, last.text, from);
			return pair ? messages.sentences(said, messages.udpPairShort(`#${pair.session}`, pair.writes, pair.reads)) : said;
		}

		case 'tcp-stream': {
			const stream = figures.streams.find((candidate) => candidate.sent > 0);
			const {pair} = figures;
			if (pair && figures.accepted > 0)
				return messages.tcpLoopsPair(figures.accepted, figures.open, `#${pair.session}`, pair.lines, pair.reads);
			// A remote server (--connect): no connection loop seen here, the stream still is.
			if (pair) return messages.tcpPair(`#${pair.session}`, pair.lines, pair.reads);
			if (!stream || figures.accepted === 0) return pending;
			return messages.tcpLoops(figures.accepted, figures.open, `#${stream.session}`, stream.sent);
		}

		case 'iterative': {
			const waiting = figures.waiting;
			if (!waiting) return pending;
			return messages.iterativeWait(
				waiting.session === undefined ? waiting.peer : `#${waiting.session}`,
				(waiting.waitedMs / 1000).toFixed(1),
				figures.served === undefined ? '?' : `#${figures.served}`,
			);
		}

		case 'threads-processes': {
			if (figures.workers.length === 0) return pending;
			const list = figures.workers.map((worker) =>
				messages.worker(
					worker.kind,
					worker.session === undefined ? '?' : named(`#${worker.session}`, worker.id, markOf),
					worker.id,
				),
			);
			return `${messages.listJoin(list)} ${figures.serverPid === undefined ? '' : messages.workersTail(figures.serverPid)}`.trim();
		}

		case 'program-process': {
			if (figures.processes.length === 0 || figures.processes.every((process) => process.rssBytes === undefined))
				return pending;
			const list = figures.processes.map((process) =>
				messages.processItem(
					named(process.name, process.pid, markOf),
					process.pid,
					process.rssBytes === undefined ? '?' : formatBytes(process.rssBytes),
					process.sent,
					process.auto,
				),
			);
			return messages.processes(figures.processes.length, messages.listJoin(list));
		}

		case 'serial-concurrent': {
			if (figures.serialMs !== undefined && figures.concurrentMs !== undefined)
				return judged(
					figures,
					messages.makespans(
						formatMs(figures.serialMs),
						formatMs(figures.concurrentMs),
						formatMs(figures.predictedSerialMs ?? 0),
						formatMs(figures.predictedConcurrentMs ?? 0),
					),
					messages,
				);
			if (figures.verdict?.code === 'disturbed') return judged(figures, '', messages);
			return figures.running ? messages.experimentRunning(figures.running) : pending;
		}

		case 'time-io': {
			// Other programs on the demo's CPU: the lanes show less than the demo would get alone, so no conclusion.
			if (figures.disturbed) {
				// The most disturbed CPU (in one-CPU mode, the only one measured).
				const [worst] = figures.disturbed.cpus;
				if (worst) return messages.liveDisturbed(String(worst.cpu), worst.pct, figures.disturbed.seconds);
			}

			const waiting = figures.waiting;
			if (!waiting) return pending;
			const ran = waiting.ran.map((share) => messages.ranItem(share.name, formatMs(share.ms)));
			if (waiting.othersMs > 0) ran.push(messages.ranOthers(formatMs(waiting.othersMs)));
			return messages.waited(
				named(`#${waiting.session}`, waiting.pid, markOf),
				formatMs(waiting.waitedMs),
				ran.length === 0 ? messages.ranNothing : messages.listJoin(ran),
			);
		}

		case 'time-cpu': {
			// The first job that ran both ways says it for all: together, each finishes later than alone.
			const done = figures.jobs.find((job) => job.aloneMs !== undefined && job.togetherMs !== undefined);
			if (done)
				return judged(
					figures,
					messages.finishedLater(done.job, formatMs(done.aloneMs!), formatMs(done.togetherMs!)),
					messages,
				);
			// One run only, disturbed: still no conclusion from it (judged says so in place of the figures).
			if (figures.verdict?.code === 'disturbed') return judged(figures, '', messages);

			return figures.running === 'concurrent' || figures.involuntaryLastSecond > 0
				? messages.involuntary(figures.involuntaryLastSecond)
				: figures.running
					? messages.experimentRunning(figures.running)
					: pending;
		}

		case 'space': {
			if (figures.processes.length === 0) return pending;
			const list = figures.processes.map((process) =>
				messages.spaceItem(named(process.name, process.pid, markOf), formatBytes(process.bytes)),
			);
			return messages.space(
				messages.listJoin(list),
				formatBytes(figures.totalBytes),
				formatBytes(figures.sharedBytes),
				formatMachineBytes(figures.machineBytes),
				figures.byPss,
			);
		}
	}
}
