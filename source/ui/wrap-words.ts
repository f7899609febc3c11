import stringWidth from 'string-width';

/**
 * Greedy word wrap to `width` terminal columns (a CJK character takes two). Only a word wider than the
 * screen is split, between characters (as Chinese text, which has no spaces, is broken anyway), so every
 * character of the message is shown.
 */
export function wrapWords(text: string, width: number): string[] {
	const limit = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	let lineWidth = 0;
	for (const word of text.split(' ')) {
		let rest = word;
		let restWidth = stringWidth(rest);
		if (restWidth > limit) {
			// Fill what is left of the line first, then whole lines, character by character.
			let room = line === '' ? limit : limit - lineWidth - 1;
			let piece = '';
			let pieceWidth = 0;
			for (const char of rest) {
				const charWidth = stringWidth(char);
				if (pieceWidth + charWidth > room) {
					if (line === '') lines.push(piece);
					else if (piece === '') lines.push(line);
					else lines.push(`${line} ${piece}`);
					line = '';
					lineWidth = 0;
					room = limit;
					piece = '';
					pieceWidth = 0;
				}

				piece += char;
				pieceWidth += charWidth;
			}

			rest = piece;
			restWidth = pieceWidth;
			if (line !== '' && rest !== '') {
				line += ` ${rest}`;
				lineWidth += 1 + restWidth;
				continue;
			}
		}

		if (rest === '') continue;
		if (line === '') {
			line = rest;
			lineWidth = restWidth;
		} else if (lineWidth + 1 + restWidth <= limit) {
			line += ` ${rest}`;
			lineWidth += 1 + restWidth;
		} else {
			lines.push(line);
			line = rest;
			lineWidth = restWidth;
		}
	}

	if (line !== '') lines.push(line);
	return lines;
}
