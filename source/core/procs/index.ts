export {burnCpu} from './cpu-burst.js';
export {createProcessSource} from './create-source.js';
export {
	chooseOneCpu,
	chooseUiCpu,
	detectPinning,
	pinnedCommand,
	pinProcess,
	readAffinity,
	type PinningSupport,
} from './pinning.js';
export {
	ProcessSampler,
	maxSampleIntervalMs,
	minSampleIntervalMs,
	type SamplerOptions,
	type SamplerTimers,
} from './sampler.js';
export {stateMeaning, stateMeanings} from './state-letters.js';
export * from './types.js';
