import {spaceCjk} from './cjk-spacing.js';
import type {Language} from './language.js';
import {messagesEn, type Messages} from './messages-en.js';
import {messagesZh} from './messages-zh.js';

/**
 * Every text of a catalogue, and every text its functions return, through `rule`. The tour's section is
 * left as written (its own engineer owns its words and their tests).
 */
function spaced<T>(value: T, rule: (text: string) => string): T {
	if (typeof value === 'string') return rule(value) as T;
	if (typeof value === 'function')
		return ((...args: unknown[]) => spaced((value as (...values: unknown[]) => unknown)(...args), rule)) as T;
	if (Array.isArray(value)) return value.map((inner: unknown) => spaced(inner, rule)) as T;
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, spaced(inner, rule)])) as T;
}

const {tour, ...zhRest} = messagesZh;
/** Chinese with the one spacing rule between Chinese and Latin text (cjk-spacing.ts) applied to every message. */
const messagesZhSpaced: Messages = {...spaced(zhRest, spaceCjk), tour};

const catalogues: Record<Language, Messages> = {en: messagesEn, zh: messagesZhSpaced};

export function messagesFor(language: Language): Messages {
	return catalogues[language];
}
