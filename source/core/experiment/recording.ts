import {closeSync, readFileSync, unlinkSync} from 'node:fs';
import {cpus, hostname} from 'node:os';
import process from 'node:process';
import {SocktuiError} from '../errors.js';
import {describeFileError, describeFileProblem} from '../file-error.js';
import {openForWriting, writeAll} from '../files/safe-open.js';
import type {ExperimentResult} from './experiment.js';

/** `--save FILE`: one experiment with where and when it ran, versioned so a later socktui can refuse it. */
export interface RecordedExperiment {
	format: 'socktui-experiment';
	version: 1;
	/** `YYYY-MM-DD HH:MM UTC`. */
	savedAt: string;
	hostname: string;
	node: string;
	cpuModel: string;
	result: ExperimentResult;
}

export const recordingFormat = 'socktui-experiment';
export const recordingVersion = 1;

export function recordExperiment(result: ExperimentResult, now = new Date()): RecordedExperiment {
	return {
		format: recordingFormat,
		version: recordingVersion,
		savedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		hostname: hostname(),
		node: process.version,
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
		result,
	};
}

/**
 * `--save FILE`, opened before the run (a path that cannot be written is one line, exit 2, and nothing
 * runs): a new file, never over an existing one, never through a symlink, mode 0600. `write` fills it once;
 * `discard` removes it when there is nothing to save (the run failed or was interrupted).
 */
export function openRecording(path: string): {write(recorded: RecordedExperiment): void; discard(): void} {
	// Created new, 0600, never through a symlink (core/files): a saved run is never written over.
	const opened = openForWriting(path);
	if (!opened.ok)
		throw new SocktuiError(
			'BadInput',
			`cannot save the experiment to ${path}: ${opened.problem.kind === 'exists' ? 'the file exists (it is never overwritten)' : describeFileProblem(opened.problem)}`,
			{exitCode: 2},
		);
	const {fd} = opened;

	let open = true;
	return {
		write(recorded) {
			if (!open) return;
			open = false;
			try {
				writeAll(fd, `${JSON.stringify(recorded)}\n`);
			} finally {
				closeSync(fd);
			}
		},
		discard() {
			if (!open) return;
			open = false;
			closeSync(fd);
			try {
				unlinkSync(path);
			} catch {
				// Already gone.
			}
		},
	};
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function checkRun(run: unknown, kind: string): void {
	if (run === undefined) return;
	if (!isObject(run) || run['kind'] !== kind || !isNumber(run['makespanMs']) || !Array.isArray(run['jobs']))
		throw new Error(`its ${kind} run is malformed`);
	for (const job of run['jobs'] as unknown[]) {
		if (!isObject(job)) throw new Error(`a job of its ${kind} run is malformed`);
		for (const field of ['pid', 'startMs', 'endMs', 'turnaroundMs', 'cpuMs', 'runnableMs', 'blockedMs', 'runMs'])
			if (!isNumber(job[field])) throw new Error(`a job of its ${kind} run has no ${field}`);
		if (typeof job['program'] !== 'string') throw new Error(`a job of its ${kind} run has no program`);
	}

	if (!Array.isArray(run['samples']) || !isNumber(run['sampleMs'])) throw new Error(`its ${kind} run has no samples`);
	if (run['disturbance'] !== null && !isObject(run['disturbance']))
		throw new Error(`its ${kind} run's disturbance is malformed`);
}

/** Parses a recording; one line saying what is wrong otherwise. */
export function parseRecording(text: string): RecordedExperiment {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new Error('it is not JSON');
	}

	if (!isObject(value) || value['format'] !== recordingFormat)
		throw new Error('it is not a socktui experiment recording');
	if (value['version'] !== recordingVersion)
		throw new Error(`it is version ${String(value['version'])}; this socktui reads version ${recordingVersion}`);
	for (const field of ['savedAt', 'hostname', 'node', 'cpuModel'])
		if (typeof value[field] !== 'string') throw new Error(`it has no ${field}`);
	const result = value['result'];
	if (!isObject(result) || !isObject(result['plan']) || !isObject(result['predicted']))
		throw new Error('it has no result');
	const plan = result['plan'];
	if (!Array.isArray(plan['jobs']) || !isNumber(plan['tickMs']) || !isNumber(plan['ioMs']))
		throw new Error('its plan is malformed');
	checkRun(result['serial'], 'serial');
	checkRun(result['concurrent'], 'concurrent');
	if (result['serial'] === undefined && result['concurrent'] === undefined) throw new Error('it has no run');
	return value as unknown as RecordedExperiment;
}

/** `--load FILE`: the recording, or a BadInput error of one line (exit 2). */
export function loadExperiment(path: string): RecordedExperiment {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error: unknown) {
		throw new SocktuiError(
			'BadInput',
			`cannot load ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : describeFileError(error)}`,
			{exitCode: 2},
		);
	}

	try {
		return parseRecording(text);
	} catch (error: unknown) {
		throw new SocktuiError('BadInput', `cannot load ${path}: ${(error as Error).message}`, {exitCode: 2});
	}
}
