import {displayWidth, graphemes, sliceWidth} from '../core/text/display-width.js';

/**
 * Greedy word wrap to `width` terminal columns. A word wider than the screen is split, so every character of
 * the message is shown; a long word with wide (CJK) characters may break anywhere, as Chinese text does, so
 * it first fills the rest of the line.
 */
export function wrapWords(text: string, width: number): string[] {
	const limit = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		let rest = word;
		if (rest === '') continue;
		if (line !== '' && displayWidth(line) + 1 + displayWidth(rest) <= limit) {
			line += ` ${rest}`;
			continue;
		}

		// Only a long one: a short Chinese word (迭代, 下一个) moves to the next line whole, as in English.
		if (line !== '' && displayWidth(rest) !== rest.length && displayWidth(rest) > limit / 2) {
			const head = breakBefore(rest, sliceWidth(rest, limit - displayWidth(line) - 1));
			if (head !== '') {
				line += ` ${head}`;
				rest = rest.slice(head.length);
			}
		}

		if (line !== '' && rest !== '') {
			lines.push(line);
			line = '';
		}

		while (displayWidth(rest) > limit) {
			// At least one character per line, even one wider than the limit.
			const cut = sliceWidth(rest, limit);
			const head = breakBefore(rest, cut) || cut || [...graphemes(rest)][0]!.text;
			lines.push(head);
			rest = rest.slice(head.length);
		}

		if (rest !== '') line = line === '' ? rest : `${line} ${rest}`;
	}

	if (line !== '') lines.push(line);
	return lines;
}

/** No line starts with a closing mark: a cut just before one moves back a character. */
const closing = /^[,.;:!?)\]}，。；：！？）」』、]/u;

/** Latin letters and digits: a run of them inside Chinese text (CPU, TCP, 100) is one word, never split. */
const latin = /[A-Za-z0-9]/u;

function breakBefore(word: string, head: string): string {
	const kept = [...graphemes(head)].map((grapheme) => grapheme.text);
	while (kept.length > 0 && closing.test(word.slice(kept.join('').length))) kept.pop();
	// Not inside a Latin run ("C" / "PU"): back to before the run (the callers fall back to a hard cut when
	// nothing is left and the line must hold something).
	while (kept.length > 0 && latin.test(kept.at(-1)!) && latin.test(word.charAt(kept.join('').length))) kept.pop();
	return kept.join('');
}
