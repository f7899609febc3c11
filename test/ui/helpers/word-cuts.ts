import {displayWidth} from '../../../source/core/text/display-width.js';
import {messagesEn} from '../../../source/ui/i18n/messages-en.js';
import {messagesZh} from '../../../source/ui/i18n/messages-zh.js';
import {allowedNames} from './english-words.js';
import {texts} from './catalogue-texts.js';

const wordPattern = /[A-Za-z][A-Za-z_]*[A-Za-z]|[A-Za-z]/gu;

/**
 * Every Latin word the screen may show whole: the words of both catalogues (every message, with sample
 * arguments), the names kept in Chinese, and the `extra` words a test's fixture puts on screen.
 */
export function knownWords(extra: readonly string[] = []): Set<string> {
	const all = [...texts(messagesEn), ...texts(messagesZh)].map(([, text]) => text);
	return new Set(
		[...all, ...allowedNames, ...extra].flatMap((text) => text.match(wordPattern) ?? []).map((w) => w.toLowerCase()),
	);
}

/** The markers a shortened field ends with (README "Legibility at projector sizes"). */
const markers = ['…', '...', '>'];

/**
 * What breaks the no-word-cut rule on one rendered line:
 * - a line wider than the terminal;
 * - a cut: a Latin token (two letters or more) that is no known word but a strict prefix of one, with no
 *   marker right after it (e.g. "aslee" for "asleep", "termina" for "terminal");
 * - two fields touching: a token that is a known word of three letters or more followed at once by the start
 *   of another known word (e.g. "LATERL" from "IO_RUN_LATER" and "L=5", "5qu" counts as the cut "qu").
 * Chinese may break at any character, so only its width is checked.
 */
export function wordCuts(line: string, columns: number, known: ReadonlySet<string>): string[] {
	const problems: string[] = [];
	if (displayWidth(line) > columns) problems.push(`wider than ${columns}: ${line}`);
	for (const match of line.matchAll(wordPattern)) {
		const token = match[0].toLowerCase();
		if (token.length < 2 || known.has(token)) continue;
		const after = line.slice(match.index + match[0].length);
		if (markers.some((marker) => after.startsWith(marker))) continue;
		const parts = token.split('_');
		if (parts.every((part) => part.length < 2 || known.has(part))) continue;
		if ([...known].some((word) => word.length > token.length && word.startsWith(token))) {
			problems.push(`cut "${match[0]}": ${line}`);
			continue;
		}

		// Two fields run together show as a capital inside a word ("LATERL", "IO_RUN_LATERL=5"); plain lowercase
		// words unknown to the catalogues (a hard-coded sentence) are not taken for two.
		if (match[0] === match[0].toLowerCase()) continue;
		for (let split = 3; split < token.length; split++) {
			const head = token.slice(0, split);
			const tail = token.slice(split);
			if (known.has(head) && [...known].some((word) => word.startsWith(tail))) {
				problems.push(`touching "${match[0]}": ${line}`);
				break;
			}
		}
	}

	return problems;
}
