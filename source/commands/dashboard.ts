import {SocktuiError} from '../core/errors.js';
import type {Command} from './command.js';

// Placeholder until the owning issue lands; replaced wholesale.
export const dashboardCommand: Command = {
	name: 'dashboard',
	summary: 'dashboard (not built yet)',
	help: '  Usage\n    $ socktui dashboard',
	flags: {},
	async run() {
		throw new SocktuiError('Internal', 'dashboard is not built yet');
	},
};
