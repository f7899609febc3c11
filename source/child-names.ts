/**
 * The hidden commands the dashboard spawns as children of its own (with an IPC channel). The entry point
 * sends these to the light child chunk, which has neither meow nor the UI. Kept apart from the commands so
 * that the entry point stays a few hundred bytes.
 */
export const childCommandNames = ['session', 'server-child', 'server-worker', 'experiment-job'] as const;

export type ChildCommandName = (typeof childCommandNames)[number];

export function isChildCommandName(name: string | undefined): name is ChildCommandName {
	return (childCommandNames as readonly (string | undefined)[]).includes(name);
}
