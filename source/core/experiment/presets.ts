/** The two presets of `socktui experiment`: where concurrency wins (IO) and where it cannot (CPU only). */
export const experimentPresets = {
	io: {programs: ['c2,i,c2', 'c2,i,c2', 'c2,i,c2']},
	cpu: {programs: ['c10', 'c10', 'c10']},
} as const;

export type ExperimentPresetName = keyof typeof experimentPresets;

export function isExperimentPreset(name: string): name is ExperimentPresetName {
	return Object.hasOwn(experimentPresets, name);
}
