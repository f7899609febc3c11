/** The SGR (colour and style) state of a terminal, and the shortest way from one state to another. */
export interface SgrState {
	fg?: string;
	bg?: string;
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	inverse: boolean;
	strike: boolean;
}

export const defaultSgr: SgrState = Object.freeze({
	bold: false,
	dim: false,
	italic: false,
	underline: false,
	inverse: false,
	strike: false,
});

export function sameSgr(a: SgrState, b: SgrState): boolean {
	return (
		a.fg === b.fg &&
		a.bg === b.bg &&
		a.bold === b.bold &&
		a.dim === b.dim &&
		a.italic === b.italic &&
		a.underline === b.underline &&
		a.inverse === b.inverse &&
		a.strike === b.strike
	);
}

export function isDefaultSgr(state: SgrState): boolean {
	return sameSgr(state, defaultSgr);
}

/** Applies the parameters of one `ESC [ ... m` sequence (given without ESC [ and m). */
export function applySgr(state: SgrState, parameters: string): SgrState {
	const codes = parameters === '' ? [0] : parameters.split(/[;:]/).map(Number);
	let next: SgrState = {...state};
	for (let index = 0; index < codes.length; index++) {
		const code = codes[index]!;
		if (code === 0) next = {...defaultSgr};
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 3) next.italic = true;
		else if (code === 4) next.underline = true;
		else if (code === 7) next.inverse = true;
		else if (code === 9) next.strike = true;
		else if (code === 22) {
			next.bold = false;
			next.dim = false;
		} else if (code === 23) next.italic = false;
		else if (code === 24) next.underline = false;
		else if (code === 27) next.inverse = false;
		else if (code === 29) next.strike = false;
		else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) next.fg = String(code);
		else if (code === 39) next.fg = undefined;
		else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) next.bg = String(code);
		else if (code === 49) next.bg = undefined;
		else if (code === 38 || code === 48) {
			// 38;5;N or 38;2;R;G;B
			const take = codes[index + 1] === 5 ? 2 : codes[index + 1] === 2 ? 4 : 0;
			const value = codes.slice(index, index + 1 + take).join(';');
			if (code === 38) next.fg = value;
			else next.bg = value;
			index += take;
		}
	}

	return next;
}

/** The shortest sequence (within reason) that moves the terminal from `from` to `to`. */
export function sgrTransition(from: SgrState, to: SgrState): string {
	if (sameSgr(from, to)) return '';
	if (isDefaultSgr(to)) return '\u001B[0m';
	const codes: string[] = [];
	if ((from.bold && !to.bold) || (from.dim && !to.dim)) {
		codes.push('22');
		if (to.bold) codes.push('1');
		if (to.dim) codes.push('2');
	} else {
		if (to.bold && !from.bold) codes.push('1');
		if (to.dim && !from.dim) codes.push('2');
	}

	const flag = (name: 'italic' | 'underline' | 'inverse' | 'strike', on: string, off: string) => {
		if (from[name] !== to[name]) codes.push(to[name] ? on : off);
	};

	flag('italic', '3', '23');
	flag('underline', '4', '24');
	flag('inverse', '7', '27');
	flag('strike', '9', '29');
	if (from.fg !== to.fg) codes.push(to.fg ?? '39');
	if (from.bg !== to.bg) codes.push(to.bg ?? '49');
	return `\u001B[${codes.join(';')}m`;
}
