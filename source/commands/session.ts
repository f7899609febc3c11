import {SocktuiError} from '../core/errors.js';
import type {Command} from './command.js';

// Placeholder until the owning issue lands; replaced wholesale.
export const sessionCommand: Command = {
	name: 'session',
	summary: 'session (not built yet)',
	help: '  Usage\n    $ socktui session',
	flags: {},
	async run() {
		throw new SocktuiError('Internal', 'session is not built yet');
	},
};
