/**
 * C / Python `%.Nf`: the exact binary value of the double, rounded half to even. `Number#toFixed` is not
 * the same (it rounds 1.005 and ties like 78.125 differently), and the reference's stats use `%.2f`.
 */
export function formatFixed(value: number, digits: number): string {
	if (Number.isNaN(value)) return 'nan';
	if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
	const negative = value < 0 || Object.is(value, -0);
	const {mantissa, exponent} = decompose(Math.abs(value));
	const scale = 10n ** BigInt(digits);
	let scaled: bigint;
	if (exponent >= 0) {
		scaled = (mantissa << BigInt(exponent)) * scale;
	} else {
		const numerator = mantissa * scale;
		const denominator = 1n << BigInt(-exponent);
		const quotient = numerator / denominator;
		const twiceRemainder = (numerator % denominator) * 2n;
		const roundUp = twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n);
		scaled = roundUp ? quotient + 1n : quotient;
	}
	const text = scaled.toString().padStart(digits + 1, '0');
	const whole = text.slice(0, text.length - digits);
	const fraction = text.slice(text.length - digits);
	return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/** value = mantissa * 2^exponent exactly, for a finite non-negative double. */
function decompose(value: number): {mantissa: bigint; exponent: number} {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, value);
	const bits = view.getBigUint64(0);
	const biased = Number((bits >> 52n) & 0x7ffn);
	const fraction = bits & 0xf_ffff_ffff_ffffn;
	if (biased === 0) return {mantissa: fraction, exponent: -1074};
	return {mantissa: fraction | (1n << 52n), exponent: biased - 1075};
}
