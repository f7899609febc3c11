import {defaults} from '../core/defaults.js';
import type {Command} from './command.js';
import {dashboardCommand} from './dashboard.js';

const help = `  socktui tour: the dashboard as a guided lesson, one idea of the tutorial per step

  Usage
    $ socktui tour [dashboard options]

  Each step sets up what it needs (the server model, sessions, one-CPU mode, auto mode, CPU bursts,
  reply delays, the timeline view) and undoes it when you move on; a narration strip above the status
  bar says what the live figures show. Every dashboard key keeps working.

  Steps
    1 UDP: messages, not a stream       6 Serial vs concurrent (the experiment)
    2 TCP: a connection, then a stream  7 Multiplexing in time: IO
    3 One client at a time (iterative)  8 Multiplexing in time: too long on the CPU
    4 Threads and processes             9 Multiplexing in space: memory
    5 Program vs process

  Keys
    Right/PgDn next step, Left/PgUp previous (before the first: leave, putting the dashboard back),
    T the list of steps, Esc leave the tour keeping the panes as they are, t the tour on/off, q quit.

  Options
    The dashboard's (see 'socktui --help'); --sessions defaults to 0 here (the steps open their own,
    at most ${defaults.maxSessions} sessions in all).`;

/** `socktui tour`: the dashboard, starting in the guided tour with no sessions of its own. */
export const tourCommand: Command = {
	name: 'tour',
	summary: 'the dashboard as a guided lesson (steps with live narration)',
	help,
	flags: dashboardCommand.flags,
	async run(context) {
		return dashboardCommand.run({
			...context,
			flags: {...context.flags, tour: true, sessions: context.flags['sessions'] ?? '0'},
		});
	},
};
