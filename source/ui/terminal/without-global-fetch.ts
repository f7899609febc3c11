/**
 * Runs `load` with the global `fetch` hidden. Yoga's Emscripten loader (inside Ink) asks `typeof fetch`, and
 * on Node 20 that first look at the lazy global loads the whole undici HTTP client, about 80 ms of start-up
 * for nothing: the loader then falls back to instantiating its embedded WebAssembly directly.
 */
export async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
	const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (!descriptor?.configurable) return load();
	Object.defineProperty(globalThis, 'fetch', {
		value: undefined,
		configurable: true,
		writable: true,
		enumerable: descriptor.enumerable ?? false,
	});
	try {
		return await load();
	} finally {
		Object.defineProperty(globalThis, 'fetch', descriptor);
	}
}
