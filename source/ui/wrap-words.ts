/**
 * Greedy word wrap to `width` columns (the text is ASCII: one column per character). Only a word wider than the screen is split,
 * so every character of the message is shown.
 */
export function wrapWords(text: string, width: number): string[] {
	const limit = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		let rest = word;
		while (rest.length > limit) {
			if (line !== '') lines.push(line);
			line = '';
			lines.push(rest.slice(0, limit));
			rest = rest.slice(limit);
		}

		if (rest === '') continue;
		if (line === '') line = rest;
		else if (line.length + 1 + rest.length <= limit) line += ` ${rest}`;
		else {
			lines.push(line);
			line = rest;
		}
	}

	if (line !== '') lines.push(line);
	return lines;
}
