import process from 'node:process';
import {formatSchedulerHelp, parseSchedulerArgs} from '../core/scheduler/scheduler-args.js';
import {schedulerOutput} from '../core/scheduler/scheduler-run.js';
import type {Command} from './command.js';

/** Writes lines in chunks, waiting for 'drain'; stops quietly when the reader goes away (`| head`). */
async function writeLines(stream: NodeJS.WriteStream, lines: Iterable<string>): Promise<void> {
	let closed = false;
	const onError = () => {
		closed = true;
	};

	stream.on('error', onError);
	let buffer = '';
	const flush = async () => {
		if (buffer === '' || closed) return;
		const chunk = buffer;
		buffer = '';
		if (!stream.write(chunk)) {
			await new Promise<void>((resolve) => {
				const done = () => {
					stream.off('drain', done);
					stream.off('error', done);
					resolve();
				};

				stream.on('drain', done);
				stream.on('error', done);
			});
		}
	};

	for (const line of lines) {
		if (closed) break;
		buffer += `${line}\n`;
		if (buffer.length >= 64 * 1024) await flush();
	}

	await flush();
	stream.off('error', onError);
}

function* prepend(head: string, rest: Iterator<string>): Generator<string> {
	yield head;
	for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

export const schedCommand: Command = {
	name: 'sched',
	summary: "OSTEP's scheduler.py: FIFO, SJF and round robin over CPU-only jobs (-c: the answers)",
	help: formatSchedulerHelp(),
	flags: {},
	rawArgs: true,
	async run({argv}) {
		const args = parseSchedulerArgs(argv);
		if (args.help) {
			process.stdout.write(`${formatSchedulerHelp()}\n`);
			return 0;
		}

		// Errors are found before the first line is written: a failed run prints nothing on stdout.
		const lines = schedulerOutput(args);
		const first = lines.next();
		await writeLines(process.stdout, first.done ? [] : prepend(first.value, lines));
		return 0;
	},
};
