import {defaults} from '../../defaults.js';
import {SocktuiError} from '../../errors.js';
import {createPythonRandom, type PythonRandom} from '../python-compat/mt19937.js';
import {parsePythonFloat, parsePythonInt} from '../python-compat/python-number.js';
import {SimReferenceError} from './sim-error.js';
import type {Instruction, Workload} from './types.js';

function badUsage(message: string): SocktuiError {
	return new SocktuiError('BadUsage', `sim: ${message}`);
}

class Budget {
	#instructions = 0;
	#processes = 0;

	addProcess(): void {
		if (++this.#processes > defaults.simMaxProcesses) {
			throw badUsage(`too many processes (at most ${defaults.simMaxProcesses})`);
		}
	}

	take(count: number): void {
		this.#instructions += count;
		if (this.#instructions > defaults.simMaxInstructions) {
			throw badUsage(`too many instructions (at most ${defaults.simMaxInstructions} in all)`);
		}
	}
}

/** `-l X:Y,...`: X instructions each, CPU with probability Y%, one `random()` per instruction. */
export function buildFromList(list: string, random: PythonRandom): Workload {
	const budget = new Budget();
	const processes: Instruction[][] = [];
	for (const item of list.split(',')) {
		budget.addProcess();
		const parts = item.split(':');
		if (parts.length !== 2) {
			throw new SimReferenceError([
				`Bad description (${item}): Must be number <x:y>`,
				'  where X is the number of instructions',
				'  and Y is the percent change that an instruction is CPU not IO',
			]);
		}
		const count = parsePythonInt(parts[0]!, 10);
		if (count === undefined) throw badUsage(`-l: '${parts[0]}' in '${item}' is not a whole number of instructions`);
		const percent = parsePythonFloat(parts[1]!);
		if (percent === undefined) throw badUsage(`-l: '${parts[1]}' in '${item}' is not a number (percent CPU)`);
		const chanceCpu = percent / 100;
		const draws =
			count > 0n
				? Number(count > BigInt(defaults.simMaxInstructions) ? BigInt(defaults.simMaxInstructions) + 1n : count)
				: 0;
		budget.take(draws);
		const code: Instruction[] = [];
		for (let index = 0; index < draws; index++) {
			if (random.random() < chanceCpu) {
				code.push('cpu');
			} else {
				code.push('io', 'io_done');
			}
		}
		processes.push(code);
	}
	return {processes};
}

/** `-P c3,i:c2`: processes split on `:`, tokens on `,`; `cN` = N cpu, `i...` = io + io_done. */
export function buildFromProgram(program: string): Workload {
	const budget = new Budget();
	const processes: Instruction[][] = [];
	for (const text of program.split(':')) {
		budget.addProcess();
		const code: Instruction[] = [];
		for (const token of text.split(',')) {
			const opcode = String.fromCodePoint(token.codePointAt(0) ?? 0);
			if (token === '') {
				throw badUsage(`-P: empty instruction in '${text}' (expected cN or i)`);
			} else if (opcode === 'c') {
				const count = parsePythonInt(token.slice(1), 10);
				if (count === undefined) throw badUsage(`-P: '${token}' needs a whole number after 'c' (like c5)`);
				const n =
					count > 0n
						? Number(count > BigInt(defaults.simMaxInstructions) ? BigInt(defaults.simMaxInstructions) + 1n : count)
						: 0;
				budget.take(n);
				for (let index = 0; index < n; index++) code.push('cpu');
			} else if (opcode === 'i') {
				budget.take(2);
				code.push('io', 'io_done');
			} else {
				throw new SimReferenceError([`bad opcode ${opcode} (should be c or i)`]);
			}
		}
		processes.push(code);
	}
	return {processes};
}

/** The reference's loading step: `-P` wins over `-l`; the generator is seeded either way. */
export function buildWorkload(spec: {seed: bigint; program: string; processList: string}): Workload {
	const random = createPythonRandom(spec.seed);
	return spec.program === '' ? buildFromList(spec.processList, random) : buildFromProgram(spec.program);
}
