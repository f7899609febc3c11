// `npm run bench`: runs every bench/*.bench.ts in turn. Each exports `run(): Promise<void>` and prints its
// own table of figures with ratios against a baseline measured in the same run. Not a test: no thresholds.
import {readdirSync} from 'node:fs';

const only = process.argv[2];
const files = readdirSync(new URL('.', import.meta.url))
	.filter((name) => name.endsWith('.bench.ts'))
	.filter((name) => only === undefined || name.startsWith(only))
	.sort();
for (const file of files) {
	console.log(`\n## ${file.replace('.bench.ts', '')}\n`);
	const module = (await import(new URL(file, import.meta.url).href)) as {run: () => Promise<void>};
	await module.run();
}
