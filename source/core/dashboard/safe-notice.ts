import type {Notice} from './notice.js';

/** The notice with every text in its parameters (nested ones too) passed through `safe`; numbers stay. */
export function safeNotice(notice: Notice, safe: (text: string) => string): Notice {
	return {code: notice.code, params: safeValue(notice.params, safe)} as Notice;
}

function safeValue<T>(value: T, safe: (text: string) => string): T {
	if (typeof value === 'string') return safe(value) as T;
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, safeValue(inner, safe)])) as T;
}
