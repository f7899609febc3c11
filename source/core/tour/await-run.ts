/** What the tour needs of a run it started (the experiment view's store has this shape). */
export interface StoppableRun {
	stop(): void;
	getSnapshot(): {phase: string};
	subscribe(listener: () => void): () => unknown;
}

/**
 * Stops a run and resolves once it has ended (bounded by `timeoutMs`): a run puts back what it changed
 * (the experiment's reply delay) as it ends, and that must come before the next tour step sets its own.
 */
export async function stopAndAwait(run: StoppableRun, timeoutMs = 10_000): Promise<void> {
	run.stop();
	if (run.getSnapshot().phase !== 'running') return;
	await new Promise<void>((resolve) => {
		const done = () => {
			clearTimeout(timer);
			unsubscribe();
			resolve();
		};

		const timer = setTimeout(done, timeoutMs);
		const unsubscribe = run.subscribe(() => {
			if (run.getSnapshot().phase !== 'running') done();
		});
	});
}
