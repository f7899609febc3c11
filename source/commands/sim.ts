import {SocktuiError} from '../core/errors.js';
import type {Command} from './command.js';

// Placeholder until the owning issue lands; replaced wholesale.
export const simCommand: Command = {
	name: 'sim',
	summary: 'sim (not built yet)',
	help: '  Usage\n    $ socktui sim',
	flags: {},
	async run() {
		throw new SocktuiError('Internal', 'sim is not built yet');
	},
};
