import type {Command} from './command.js';
import {clientCommand} from './client.js';
import {dashboardCommand} from './dashboard.js';
import {experimentCommand} from './experiment.js';
import {experimentJobCommand} from './experiment-job.js';
import {exportSvgCommand} from './export-svg.js';
import {serverCommand} from './server.js';
import {serverChildCommand} from './server-child.js';
import {serverWorkerCommand} from './server-worker.js';
import {sessionCommand} from './session.js';
import {schedCommand} from './sched.js';
import {simCommand} from './sim.js';
import {tourCommand} from './tour.js';

/** Every subcommand; the dashboard is the default when no command is named. */
export const commands: Command[] = [
	dashboardCommand,
	tourCommand,
	serverCommand,
	clientCommand,
	simCommand,
	schedCommand,
	experimentCommand,
	exportSvgCommand,
	sessionCommand,
	serverChildCommand,
	serverWorkerCommand,
	experimentJobCommand,
];
export {dashboardCommand};
