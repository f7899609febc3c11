/**
 * The echo protocol's transformation: Python's `bytes.upper()`. Only `a`-`z` (0x61-0x7A) change; every
 * other byte (binary, NUL, UTF-8 continuation bytes, `ä`) passes through untouched.
 */
export function uppercaseInPlace(bytes: Uint8Array): Uint8Array {
	const length = bytes.length;
	let index = 0;
	// Four bytes a turn: the loop's own checks (bounds, interrupt, the array's map) come once per four bytes,
	// which halves the time for a 64-byte message (this runs for every message the servers answer).
	for (const end = length - 3; index < end; index += 4) {
		// (byte - 0x61) >>> 0 < 26 is one unsigned compare for 0x61 <= byte <= 0x7a.
		let byte = bytes[index]!;
		if ((byte - 0x61) >>> 0 < 26) bytes[index] = byte - 0x20;
		byte = bytes[index + 1]!;
		if ((byte - 0x61) >>> 0 < 26) bytes[index + 1] = byte - 0x20;
		byte = bytes[index + 2]!;
		if ((byte - 0x61) >>> 0 < 26) bytes[index + 2] = byte - 0x20;
		byte = bytes[index + 3]!;
		if ((byte - 0x61) >>> 0 < 26) bytes[index + 3] = byte - 0x20;
	}

	for (; index < length; index++) {
		const byte = bytes[index]!;
		if ((byte - 0x61) >>> 0 < 26) bytes[index] = byte - 0x20;
	}

	return bytes;
}

/** A new array with the uppercased bytes; `bytes` is left as it was. */
export function uppercase(bytes: Uint8Array): Uint8Array {
	return uppercaseInPlace(Uint8Array.from(bytes));
}
