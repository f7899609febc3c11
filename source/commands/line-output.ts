/** Buffers lines and writes them in chunks, waiting for 'drain' so a long trace never piles up in memory. */
export function createOutput(stream: NodeJS.WritableStream) {
	let buffer = '';
	let closed = false;
	const onError = () => {
		// EPIPE (e.g. `| head`): stop writing quietly; the rest of the trace is not wanted.
		closed = true;
	};
	stream.on('error', onError);
	const flush = async () => {
		if (buffer === '' || closed) return;
		const chunk = buffer;
		buffer = '';
		if (!stream.write(chunk)) {
			await new Promise<void>((resolve) => {
				const done = () => {
					stream.off('drain', done);
					stream.off('error', done);
					resolve();
				};
				stream.on('drain', done);
				stream.on('error', done);
			});
		}
	};
	return {
		lines(lines: readonly string[]) {
			for (const line of lines) buffer += `${line}\n`;
		},
		async lineMaybeFlush(line: string) {
			buffer += `${line}\n`;
			if (buffer.length >= 64 * 1024) await flush();
		},
		flush,
		dispose() {
			stream.off('error', onError);
		},
		get closed() {
			return closed;
		},
	};
}

export type LineOutput = ReturnType<typeof createOutput>;
