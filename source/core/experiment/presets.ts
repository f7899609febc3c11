/** The two presets of `socktui experiment`: where concurrency wins (IO) and where it cannot (CPU only). */
export const experimentPresets = {
	io: {
		programs: ['c2,i,c2', 'c2,i,c2', 'c2,i,c2'],
		story: 'IO: the CPU is taken away when a job starts an IO, and concurrency wins',
	},
	cpu: {
		programs: ['c10', 'c10', 'c10'],
		story: 'CPU only: the CPU is taken away when a job held it too long, and every job but the last finishes later',
	},
} as const;

export type ExperimentPresetName = keyof typeof experimentPresets;

export function isExperimentPreset(name: string): name is ExperimentPresetName {
	return Object.hasOwn(experimentPresets, name);
}
