import {Box, Text} from 'ink';
import {defaults} from '../../core/defaults.js';

/**
 * Greedy word wrap to `width` columns (the text is ASCII). Only a word wider than the screen is split,
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

/** Shown instead of the dashboard below the minimum size; `q` still quits. */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	const height = Math.max(1, rows - 1);
	const message = wrapWords(
		`terminal too small: need ${defaults.minColumns}x${defaults.minRows}, have ${columns}x${rows}`,
		columns,
	);
	return (
		<Box width={columns} height={height} flexDirection="column" justifyContent="center" alignItems="center">
			{/* Lines of one message, in order: the index is their identity. */}
			{message.map((line, index) => (
				<Text key={index}>{line}</Text>
			))}
			{message.length < height ? <Text>(q quits)</Text> : null}
		</Box>
	);
}
