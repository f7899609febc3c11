import {defineConfig} from 'vitest/config';

export default defineConfig({
	define: {SOCKTUI_VERSION: JSON.stringify(process.env.npm_package_version ?? '0.0.0-test')},
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Applies patches/ to node_modules: the tests render through the patched Ink that the build bundles.
		globalSetup: ['test/helpers/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Real sockets and real processes: keep parallelism modest on 2-core CI machines.
		maxWorkers: 2,
	},
});
