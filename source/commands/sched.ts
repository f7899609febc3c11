import process from 'node:process';
import {formatSchedulerHelp, parseSchedulerArgs} from '../core/ostep/scheduler/scheduler-args.js';
import {schedulerOutput} from '../core/ostep/scheduler/scheduler-run.js';
import type {Command} from './command.js';
import {createOutput} from './line-output.js';

/** Writes lines in chunks (see line-output.ts); stops quietly when the reader goes away (`| head`). */
async function writeLines(stream: NodeJS.WriteStream, lines: Iterable<string>): Promise<void> {
	const out = createOutput(stream);
	for (const line of lines) {
		if (out.closed) break;
		await out.lineMaybeFlush(line);
	}

	await out.flush();
	out.dispose();
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
