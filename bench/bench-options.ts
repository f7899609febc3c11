/**
 * A positive number from the bench's command line (`npm run bench NAME -- --flag N`) or else from the
 * environment, else `fallback`. A bad value is one line and exit code 2.
 */
export function numberOption(flag: string, envName: string, fallback: number, argv = process.argv): number {
	const index = argv.indexOf(flag);
	const text = index >= 0 ? argv[index + 1] : process.env[envName];
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!(value > 0) || !Number.isFinite(value)) {
		console.error(`${index >= 0 ? flag : envName} must be a positive number, got '${text}'`);
		process.exit(2);
	}

	return value;
}
