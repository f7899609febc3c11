// The simulator's public surface, for the sim command and the dashboard's sim pane.
export * from './types.js';
export * from './simulator.js';
export * from './trace-format.js';
export * from '../python-compat/format-fixed.js';
export * from '../python-compat/mt19937.js';
export * from '../python-compat/python-number.js';
export * from './sim-error.js';
export * from './sim-args.js';
export * from './sim-request.js';
export * from './workload.js';
export * from './run.js';
export * from './compare-format.js';
export * from './json.js';
export * from './sim-spec.js';
