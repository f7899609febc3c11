import {SocktuiError} from '../core/errors.js';
import type {Command} from './command.js';

// Placeholder until the owning issue lands; replaced wholesale.
export const serverCommand: Command = {
	name: 'server',
	summary: 'server (not built yet)',
	help: '  Usage\n    $ socktui server',
	flags: {},
	async run() {
		throw new SocktuiError('Internal', 'server is not built yet');
	},
};
