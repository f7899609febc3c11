export {burnCpu} from './cpu-burst.js';
export {createProcessSource} from './create-source.js';
export {chooseOneCpu, detectPinning, pinnedCommand, pinProcess, type PinningSupport} from './pinning.js';
export {ProcessSampler, maxSampleIntervalMs, minSampleIntervalMs, type SamplerOptions, type SamplerTimers} from './sampler.js';
export {stateMeaning, stateMeanings} from './state-letters.js';
export * from './types.js';
