import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {isSocktuiError} from '../../../source/core/errors.js';
import {AsciicastRecorder} from '../../../source/ui/terminal/asciicast-recorder.js';

const directory = mkdtempSync(join(tmpdir(), 'socktui-cast-'));
afterAll(() => rmSync(directory, {recursive: true, force: true}));
const header = {width: 80, height: 24, timestamp: 1_795_000_000, env: {TERM: 'xterm-256color'}, title: 'socktui'};

describe('AsciicastRecorder', () => {
	it('writes the header, then every write and resize as it happens, one valid JSON line each', () => {
		const path = join(directory, 'events.cast');
		const recorder = new AsciicastRecorder(path, header);
		recorder.output('\u001B[?1049h');
		// Bytes a hostile peer might send (already made safe for the screen, but the file must hold anything).
		recorder.output('"\\\n\u0000\u2028</script>');
		// A UTF-8 character split across two writes is one character in the file.
		const bytes = Buffer.from('串');
		recorder.output(bytes.subarray(0, 2));
		recorder.output(bytes.subarray(2));
		recorder.resize(100, 30);
		// Read before close: nothing waits in memory.
		const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
		recorder.close();
		recorder.close();
		recorder.output('after close');
		expect(JSON.parse(lines[0]!)).toEqual({version: 2, ...header});
		const events = lines.slice(1).map((line) => JSON.parse(line) as [number, string, string]);
		expect(events.map(([, type, data]) => [type, data])).toEqual([
			['o', '\u001B[?1049h'],
			['o', '"\\\n\u0000\u2028</script>'],
			['o', '串'],
			['r', '100x30'],
		]);
		const times = events.map(([time]) => time);
		expect(times.every((time, index) => time >= 0 && (index === 0 || time >= times[index - 1]!))).toBe(true);
		expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(lines.length + 1);
	});

	it('fails with one line naming the file when it cannot be created', () => {
		let failure: unknown;
		try {
			new AsciicastRecorder(join(directory, 'missing', 'x.cast'), header);
		} catch (error: unknown) {
			failure = error;
		}

		expect(isSocktuiError(failure)).toBe(true);
		expect((failure as Error).message).toBe(
			`--record: cannot write '${join(directory, 'missing', 'x.cast')}': no such directory`,
		);
	});
});
