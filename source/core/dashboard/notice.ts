import type {PinFailure} from '../procs/pinning.js';

/**
 * What the core tells the person at the dashboard, as a code with its parameters: the UI's catalogues
 * turn each into words in the dashboard's language (source/ui/i18n). Free text in a parameter (`detail`:
 * an OS error's message) is shown as it came, made safe by the store.
 */
export type Notice =
	/** The asked-for port was taken; the server listens on another. */
	| {code: 'portFellBack'; params: {from: number; port: number}}
	/** The server process died without being asked to: a signal, or an exit code (`?` when unknown). */
	| {code: 'serverKilled'; params: {pid: number; signal: string}}
	| {code: 'serverExited'; params: {pid: number; exitCode: string}}
	/** The server listens beyond loopback. */
	| {code: 'publicListen'; params: {where: string}}
	| {code: 'sessionOpenFailed'; params: {detail: string}}
	| {code: 'sessionCloseFailed'; params: {detail: string}}
	/** With --connect: keys that act on socktui's own server have nothing to act on. */
	| {code: 'remoteModel'; params: Record<string, never>}
	| {code: 'remoteNoRestart'; params: Record<string, never>}
	| {code: 'serverStillRunning'; params: {pid: string}}
	| {code: 'serverRestarted'; params: {pid: number; port: number}}
	| {code: 'restartFailed'; params: {detail: string}}
	/** One-CPU mode. */
	| {code: 'pinning'; params: {failure: PinFailure}}
	| {code: 'oneCpuOn'; params: {cpu: number}}
	| {code: 'oneCpuShared'; params: Record<string, never>}
	| {code: 'oneCpuUi'; params: {cpu: number}}
	/** `cpus` is the CPU list everyone got back ('' when the dashboard's was unknown). */
	| {code: 'oneCpuOff'; params: {cpus: string}}
	/** The live timeline's own lane and watched processes. */
	| {code: 'dashboardLaneShown'; params: Record<string, never>}
	| {code: 'dashboardLaneHidden'; params: Record<string, never>}
	| {code: 'watching'; params: {pid: number}}
	| {code: 'watchFailed'; params: {detail: string}};

export type NoticeCode = Notice['code'];
export type NoticeParams<C extends NoticeCode> = Extract<Notice, {code: C}>['params'];

export const noParams: Record<string, never> = {};

/** The words of an unknown error. */
export function errorDetail(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
