import {availableParallelism} from 'node:os';
import {defineConfig} from 'vitest/config';

export default defineConfig({
	define: {SOCKTUI_VERSION: JSON.stringify(process.env.npm_package_version ?? '0.0.0-test')},
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Applies patches/ to node_modules: the tests render through the patched Ink that the build bundles.
		globalSetup: ['test/helpers/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Real sockets and real processes: one worker per CPU this process may use (taskset/cgroup aware), at most 2.
		// More workers than CPUs only add contention for the tests' own child processes; on a 2-core machine with
		// two CPU hogs, 2 workers still overlap the many tests that wait on processes, ticks and terminals, and the
		// scheduler-dependent tests measure the contention and skip with its figure (test/helpers/busy-machine.ts).
		maxWorkers: Math.max(1, Math.min(2, availableParallelism())),
	},
});
