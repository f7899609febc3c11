/**
 * The echo protocol's transformation: Python's `bytes.upper()`. Only `a`-`z` (0x61-0x7A) change; every
 * other byte (binary, NUL, UTF-8 continuation bytes, `ä`) passes through untouched.
 */
export function uppercaseInPlace(bytes: Uint8Array): Uint8Array {
	const length = bytes.length;
	for (let index = 0; index < length; index++) {
		const byte = bytes[index]!;
		// (byte - 0x61) >>> 0 < 26 is one unsigned compare for 0x61 <= byte <= 0x7a.
		if ((byte - 0x61) >>> 0 < 26) bytes[index] = byte - 0x20;
	}

	return bytes;
}

/** A new array with the uppercased bytes; `bytes` is left as it was. */
export function uppercase(bytes: Uint8Array): Uint8Array {
	return uppercaseInPlace(Uint8Array.from(bytes));
}
