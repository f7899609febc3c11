import {createContext, useContext} from 'react';
import type {BoxProps} from 'ink';

type BorderStyle = NonNullable<BoxProps['borderStyle']>;

/** Glyphs and colours. Colour only ever repeats what a word or a glyph already says. */
export interface Theme {
	color: boolean;
	ascii: boolean;
	border: BorderStyle;
	focusedBorder: BorderStyle;
	/** Horizontal rule piece for the top border line we draw ourselves (it holds the title). */
	rule: string;
	focusedRule: string;
	corners: {left: string; right: string; focusedLeft: string; focusedRight: string};
	focusMark: string;
	ellipsis: string;
	dot: string;
	arrow: string;
	/** A colour name for Ink, or undefined when colour is off. */
	tone(name: ToneName): string | undefined;
}

export type ToneName = 'accent' | 'good' | 'warn' | 'bad' | 'muted' | 'sent' | 'reply';

const tones: Record<ToneName, string> = {
	accent: 'cyan',
	good: 'green',
	warn: 'yellow',
	bad: 'red',
	muted: 'gray',
	sent: 'blue',
	reply: 'green',
};

const asciiFocused: BorderStyle = {
	topLeft: '#',
	top: '=',
	topRight: '#',
	left: '#',
	right: '#',
	bottomLeft: '#',
	bottom: '=',
	bottomRight: '#',
};

export function createTheme(options: {color: boolean; ascii: boolean}): Theme {
	const {color, ascii} = options;
	return {
		color,
		ascii,
		border: ascii ? 'classic' : 'round',
		focusedBorder: ascii ? asciiFocused : 'double',
		rule: ascii ? '-' : '─',
		focusedRule: ascii ? '=' : '═',
		corners: ascii
			? {left: '+', right: '+', focusedLeft: '#', focusedRight: '#'}
			: {left: '╭', right: '╮', focusedLeft: '╔', focusedRight: '╗'},
		focusMark: ascii ? '>' : '▶',
		ellipsis: ascii ? '...' : '…',
		dot: ascii ? '|' : '·',
		arrow: ascii ? '->' : '→',
		tone: (name) => (color ? tones[name] : undefined),
	};
}

export const ThemeContext = createContext<Theme>(createTheme({color: true, ascii: false}));

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
