import {Text} from 'ink';
import {memo} from 'react';
import type {KeyBinding} from '../keymap/key-binding.js';
import {formatKeys} from '../keymap/dashboard-bindings.js';
import {Line} from './line.js';
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
	const help = ' ? help  q quit';
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

	let used = where.length + 3 + help.length;
	const parts: string[] = [];
	for (const binding of bindings) {
		const part = `${formatKeys(binding.keys.slice(0, 2))} ${binding.description.split(' (')[0]}`;
		if (used + part.length + 3 > width) break;
		parts.push(part);
		used += part.length + 3;
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
