/**
 * Python's `str(float)` (the shortest digits that read back to the same double, `repr` style): fixed
 * notation with at least one decimal (`3.0`, `2.5`, `0.0001`) while the decimal exponent is from -4 to
 * 15, otherwise scientific with a two-digit exponent at least (`1e-05`, `1e+16`, `1.5e+300`).
 */
export function pythonFloatRepr(value: number): string {
	if (Number.isNaN(value)) return 'nan';
	if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
	if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
	const sign = value < 0 ? '-' : '';
	// toExponential() without an argument gives the shortest round-trip digits, as Python's repr does.
	const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
	const digits = mantissa.replace('.', '');
	const exponent = Number(exponentText);
	if (exponent < -4 || exponent >= 16) {
		const shown = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
		const magnitude = String(Math.abs(exponent)).padStart(2, '0');
		return `${sign}${shown}e${exponent < 0 ? '-' : '+'}${magnitude}`;
	}

	if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
	const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
	const fraction = digits.slice(exponent + 1);
	return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}
