/**
 * Number parsing with Python's rules, so `socktui sim` accepts exactly what the reference's optparse
 * (`type='int'`) and `int()` / `float()` accept: signs, surrounding whitespace, `_` between digits,
 * `0x` / `0b` / leading-zero octal seeds. Returns undefined when Python would raise ValueError.
 */
const digitClass: Record<number, string> = {2: '[01]', 8: '[0-7]', 10: '[0-9]', 16: '[0-9a-fA-F]'};
const prefixOf: Record<number, string> = {2: '0[bB]', 8: '0[oO]', 10: '', 16: '0[xX]'};

/** Python `str.strip()` whitespace (the ASCII part, plus the common Unicode spaces JS also knows). */
function stripWhitespace(text: string): string {
	return text.replace(/^[\s\u001c-\u001f]+|[\s\u001c-\u001f]+$/gu, '');
}

/** Python `int(text, radix)` for radix 2, 8, 10 or 16. */
export function parsePythonInt(text: string, radix: 2 | 8 | 10 | 16): bigint | undefined {
	const digit = digitClass[radix]!;
	const prefix = prefixOf[radix]!;
	const pattern =
		prefix === ''
			? new RegExp(`^([+-]?)(${digit}(?:_?${digit})*)$`, 'u')
			: new RegExp(`^([+-]?)(?:${prefix}_?)?(${digit}(?:_?${digit})*)$`, 'u');
	const match = pattern.exec(stripWhitespace(text));
	if (!match) return undefined;
	const digits = match[2]!.replaceAll('_', '');
	const base = {2: '0b', 8: '0o', 10: '', 16: '0x'}[radix];
	const value = BigInt(`${base}${digits}`);
	return match[1] === '-' ? -value : value;
}

/** optparse's `type='int'` conversion (`_parse_num`): the prefix of the raw text picks the radix. */
export function parseOptparseInt(text: string): bigint | undefined {
	const head = text.slice(0, 2).toLowerCase();
	if (head === '0x') return parsePythonInt(text, 16);
	if (head === '0b') return parsePythonInt(text.slice(2) || '0', 2);
	if (text.startsWith('0')) return parsePythonInt(text, 8);
	return parsePythonInt(text, 10);
}

const floatPattern =
	/^([+-]?)(?:(inf|infinity|nan)|((?:\d(?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d(?:_?\d)*)?|\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?))$/iu;

/** Python `float(text)`. */
export function parsePythonFloat(text: string): number | undefined {
	const match = floatPattern.exec(stripWhitespace(text));
	if (!match) return undefined;
	const sign = match[1] === '-' ? -1 : 1;
	const word = match[2]?.toLowerCase();
	if (word !== undefined) return word === 'nan' ? Number.NaN : sign * Number.POSITIVE_INFINITY;
	return sign * Number(match[3]!.replaceAll('_', ''));
}
