import {render, type Instance, type RenderOptions} from 'ink';
import {createElement} from 'react';
import {App, type AppProps} from './app.js';
import {FrameWriter} from './terminal/frame-writer.js';

/**
 * Ink's render options with `writeFrame`, which our patch to Ink adds (patches/ink+6.8.0.patch, applied before
 * every build and test run): stated here too so the types check before the patch is applied (`npm test`
 * type-checks first).
 */
type PatchedRenderOptions = RenderOptions & {writeFrame: (frame?: string) => void};

export interface RenderedDashboard {
	instance: Instance;
	writer: FrameWriter;
}

/**
 * Mounts the dashboard with Ink on a FrameWriter (changed lines only). Ctrl-C is a key like any other (the
 * app quits through its actions); console patching is off because nothing may print over the frame.
 */
export function renderDashboard(
	props: AppProps,
	streams: {stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream},
): RenderedDashboard {
	const writer = new FrameWriter(streams.stdout, {ascii: props.theme.ascii});
	const options: PatchedRenderOptions = {
		stdout: writer as unknown as NodeJS.WriteStream,
		// Ink hands the frame's lines to the writer (our patch to Ink) instead of writing them with its escapes.
		writeFrame: writer.writeFrame,
		stdin: streams.stdin,
		exitOnCtrlC: false,
		patchConsole: false,
		// Data renders are already capped by the store (12/s) and the sampler (10/s); a higher Ink cap only lets a
		// key's effect show without waiting out the throttle window.
		maxFps: 60,
	};
	const instance = render(createElement(App, props), options);
	return {instance, writer};
}
