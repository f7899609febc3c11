import type {Protocol} from '../../core/defaults.js';
import type {DashboardCommands} from '../../core/dashboard/dashboard-commands.js';

type Commands = DashboardCommands;
type ArgsOf<Name extends keyof Commands> = Parameters<Commands[Name]>;

/** A call of one DashboardCommands method with its arguments (`args` may be left out when there are none). */
export type CommandCall = {
	[Name in keyof Commands]: ArgsOf<Name> extends [] ? {command: Name; args?: []} : {command: Name; args: ArgsOf<Name>};
}[keyof Commands];

/** A DashboardCommands method whose first argument is a session id: the key calls it on the focused live session. */
export type SessionCommandCall = {
	[Name in keyof Commands]: ArgsOf<Name> extends [number, ...infer Rest]
		? Rest extends []
			? {sessionCommand: Name; args?: []}
			: {sessionCommand: Name; args: Rest}
		: never;
}[keyof Commands];

/** Keys that change what the dashboard shows (focus, typing, help, view), some of which also call a command. */
export type UiAction =
	| {
			ui:
				| 'toggle-help'
				| 'focus-next'
				| 'focus-prev'
				| 'focus-session'
				| 'start-typing'
				| 'send'
				| 'stop-typing'
				| 'backspace'
				| 'toggle-view'
				| 'toggle-zoom'
				| 'watch-prompt'
				| 'close-session'
				| 'save-svg';
	  }
	| {ui: 'new-session'; protocol: Protocol}
	| {ui: 'tour'; tour: TourCommand};

/**
 * The guided tour's keys: `toggle` starts it (or ends it, putting the dashboard back), `leave` ends it
 * keeping the panes, `list` shows the steps, `hold` is a key the tour keeps from changing the demo.
 */
export type TourCommand = 'toggle' | 'next' | 'prev' | 'leave' | 'list' | 'hold';

/** What a dashboard key does: a command on the core, on the focused session, or a change of the UI. */
export type DashboardAction = CommandCall | SessionCommandCall | UiAction;
