import {act} from 'react';
import {render} from 'ink-testing-library';
import {DashboardStore} from '../../../source/core/dashboard/dashboard-store.js';
import type {StoreEvent} from '../../../source/core/dashboard/store-event.js';
import {App, type AppProps} from '../../../source/ui/app.js';
import type {DashboardCommands} from '../../../source/core/dashboard/dashboard-commands.js';
import {createTheme} from '../../../source/ui/theme.js';
import type {TimelineHost} from '../../../source/ui/timeline-host.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

export const keys = {
	enter: '\r',
	tab: '\t',
	shiftTab: '\u001B[Z',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
};

export type CommandCallRecord = [keyof DashboardCommands, ...unknown[]];

const endpoint = {address: '127.0.0.1', port: 8082};
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Events for a dashboard with both servers listening and two open sessions (1 TCP connected, 2 UDP ready). */
export function standardEvents(): StoreEvent[] {
	return [
		{type: 'server', event: {type: 'listening', protocol: 'tcp', local: endpoint}},
		{type: 'server', event: {type: 'listening', protocol: 'udp', local: endpoint}},
		{type: 'session', event: {type: 'session-started', sessionId: 1, pid: 1001, protocol: 'tcp', remote: endpoint}},
		{
			type: 'session',
			event: {
				type: 'session-report',
				sessionId: 1,
				report: {type: 'state', state: 'connected', local: {address: '127.0.0.1', port: 40_001}},
			},
		},
		{type: 'session', event: {type: 'session-started', sessionId: 2, pid: 1002, protocol: 'udp', remote: endpoint}},
		{
			type: 'session',
			event: {
				type: 'session-report',
				sessionId: 2,
				report: {type: 'state', state: 'ready', local: {address: '127.0.0.1', port: 40_002}},
			},
		},
	];
}

export function sent(sessionId: number, text: string, id = 1): StoreEvent {
	return {
		type: 'session',
		event: {type: 'session-report', sessionId, report: {type: 'sent', id, requestBase64: b64(text), at: 0}},
	};
}

export function replied(sessionId: number, text: string, rttMs: number, id = 1): StoreEvent {
	return {
		type: 'session',
		event: {type: 'session-report', sessionId, report: {type: 'reply', id, replyBase64: b64(text), rttMs, at: 0}},
	};
}

export function renderDashboardApp(
	options: {
		events?: StoreEvent[];
		ascii?: boolean;
		color?: boolean;
		columns?: number;
		rows?: number;
		timeline?: TimelineHost;
		initialView?: AppProps['initialView'];
		svgExport?: AppProps['svgExport'];
		language?: AppProps['language'];
	} = {},
) {
	const store = new DashboardStore({serverPid: 4242, ascii: options.ascii ?? false});
	for (const event of options.events ?? standardEvents()) store.apply(event);
	store.flush();
	const calls: CommandCallRecord[] = [];
	// A fake core: records every DashboardCommands call, in order (a new command needs no change here). Like
	// the runtime, closing a session marks it closing in the store at once.
	const commands = new Proxy({} as DashboardCommands, {
		get:
			(_target, name) =>
			(...args: unknown[]) => {
				calls.push([name as keyof DashboardCommands, ...args]);
				if (name === 'closeSession') store.apply({type: 'session-closing', sessionId: args[0] as number});
			},
	});
	// Nothing first, then the terminal's size, then the App: its first frame is drawn at the asked size (mounting
	// it at ink-testing-library's 100 columns and resizing drew every dashboard twice).
	let instance!: ReturnType<typeof render>;
	act(() => {
		instance = render(<></>);
	});
	const stdout = instance.stdout as unknown as NodeJS.EventEmitter & {columns: number; rows: number};
	const setSize = (columns: number, rows: number) => {
		Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
		Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
	};

	setSize(options.columns ?? 100, options.rows ?? 30);
	act(() => {
		instance.rerender(
			<App
				store={store}
				commands={commands}
				theme={createTheme({color: options.color ?? false, ascii: options.ascii ?? false})}
				timeline={options.timeline}
				initialView={options.initialView}
				svgExport={options.svgExport}
				language={options.language}
			/>,
		);
	});
	const resize = (columns: number, rows: number) => {
		setSize(columns, rows);
		act(() => {
			stdout.emit('resize');
		});
	};

	return {
		store,
		calls,
		instance,
		resize,
		frame: () => instance.lastFrame() ?? '',
		/** Each input separately, letting Ink flush a lone Esc (it waits one setImmediate for more bytes). */
		async press(...inputs: string[]) {
			for (const input of inputs) {
				await act(async () => {
					instance.stdin.write(input);
					await new Promise((resolve) => {
						setImmediate(resolve);
					});
				});
			}
		},
		apply(...events: StoreEvent[]) {
			act(() => {
				for (const event of events) store.apply(event);
				store.flush();
			});
		},
		cleanup() {
			act(() => {
				instance.unmount();
			});
			store.dispose();
		},
	};
}
