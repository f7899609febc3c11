import {describe, expect, it} from 'vitest';
import {childCommandLoaders, runChild} from '../source/child-main.js';
import {childCommandNames, isChildCommandName} from '../source/child-names.js';
import {commands} from '../source/commands/index.js';

describe('the light entry of the dashboard children', () => {
	it('loads each hidden command under its own name, and every hidden command is one of them', async () => {
		for (const name of childCommandNames) {
			const command = await childCommandLoaders[name]();
			expect(command.name).toBe(name);
			expect(command.hidden).toBe(true);
			expect(commands).toContain(command);
		}

		const hidden = commands.filter((command) => command.hidden).map((command) => command.name);
		expect([...hidden].sort()).toEqual([...childCommandNames].sort());
	});

	it('knows the child names and nothing else', () => {
		expect(isChildCommandName('session')).toBe(true);
		expect(isChildCommandName('server')).toBe(false);
		expect(isChildCommandName(undefined)).toBe(false);
		expect(isChildCommandName('--version')).toBe(false);
	});

	it('hands arguments a parent never writes back to the full CLI, without running the command', async () => {
		expect(await runChild('session', ['--port', '8082'])).toBeUndefined();
		expect(await runChild('server-child', ['--help'])).toBeUndefined();
		expect(await runChild('experiment-job', ['--options={}', 'extra'])).toBeUndefined();
	});
});
