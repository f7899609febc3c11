import {Text} from 'ink';
import {memo} from 'react';
import type {KeyBinding} from '../keymap/key-binding.js';
import {formatKeys} from '../keymap/dashboard-bindings.js';
import {Line} from './line.js';
import {displayWidth} from '../../core/text/display-width.js';
import {useMessages} from '../i18n/use-messages.js';
import {useTheme} from '../theme.js';

export interface StatusBarProps {
	/** `session #1`, `server`, `timeline`, `typing into #1`. */
	where: string;
	/** The keys that matter here, most useful first; the bar shows what fits. */
	bindings: ReadonlyArray<KeyBinding<unknown>>;
	width: number;
	/** Why the last key did nothing; shown before the keys. */
	hint?: string;
}

/** The focused pane, its keys and `? help`, on one line. */
export const StatusBar = memo(function StatusBar({where, bindings, width, hint}: StatusBarProps) {
	const theme = useTheme();
	const messages = useMessages();
	const help = ` ? ${messages.status.help}  q ${messages.status.quit}`;
	if (hint !== undefined) {
		return (
			<Line>
				<Text inverse bold>
					{' '}
					{where}{' '}
				</Text>
				<Text color={theme.tone('warn')}> {hint}</Text>
			</Line>
		);
	}

	// Display columns throughout: Chinese words are two columns a character.
	let used = displayWidth(where) + 3 + displayWidth(help);
	const parts: string[] = [];
	for (const binding of bindings) {
		const part = `${formatKeys(binding.keys.slice(0, 2))} ${shortDescription(binding.description(messages))}`;
		if (used + displayWidth(part) + 3 > width) break;
		parts.push(part);
		used += displayWidth(part) + 3;
	}

	return (
		<Line>
			<Text inverse bold>
				{' '}
				{where}{' '}
			</Text>
			<Text> {parts.join(` ${theme.dot} `)}</Text>
			<Text color={theme.tone('muted')}>
				{parts.length > 0 ? ` ${theme.dot}` : ''}
				{help}
			</Text>
		</Line>
	);
});

/** The description without its parenthesised detail (`close this session (x again: ...)` -> `close this session`). */
function shortDescription(description: string): string {
	return description.split(/ \(|（/u)[0]!;
}
