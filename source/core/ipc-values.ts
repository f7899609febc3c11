/**
 * Shape checks for what arrives over IPC from another process: untrusted input, checked field by field by
 * each channel's message parser (server child, sessions, workers, experiment jobs).
 */
export type IpcRecord = Record<string, unknown>;

/** Base64 text (a payload travelling through JSON). */
export const base64Pattern = /^[A-Za-z\d+/]*={0,2}$/;

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is IpcRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A whole number from 0 up to Number.MAX_SAFE_INTEGER. */
export function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A string of at most `max` characters. */
export function isText(value: unknown, max: number): value is string {
	return typeof value === 'string' && value.length <= max;
}
