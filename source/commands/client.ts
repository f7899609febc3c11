import {SocktuiError} from '../core/errors.js';
import type {Command} from './command.js';

// Placeholder until the owning issue lands; replaced wholesale.
export const clientCommand: Command = {
	name: 'client',
	summary: 'client (not built yet)',
	help: '  Usage\n    $ socktui client',
	flags: {},
	async run() {
		throw new SocktuiError('Internal', 'client is not built yet');
	},
};
