/** What the terminal can show: decided once at start from the environment and the flags. */
export interface TerminalCapabilities {
	color: boolean;
	ascii: boolean;
}

/** The locale that governs character encoding: the first set of LC_ALL, LC_CTYPE, LANG (POSIX order). */
export function isUtf8Locale(env: NodeJS.ProcessEnv): boolean {
	const locale = [env['LC_ALL'], env['LC_CTYPE'], env['LANG']].find((value) => value !== undefined && value !== '');
	if (locale === undefined) return false;
	return /utf-?8/i.test(locale);
}

/** `NO_COLOR` (any non-empty value, per no-color.org), `TERM=dumb` or `--no-color` turn colour off. */
export function wantsColor(env: NodeJS.ProcessEnv, flagColor: boolean): boolean {
	if (!flagColor) return false;
	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
	if (env['TERM'] === 'dumb') return false;
	return true;
}

export function detectCapabilities(
	env: NodeJS.ProcessEnv,
	flags: {color: boolean; ascii: boolean},
): TerminalCapabilities {
	return {color: wantsColor(env, flags.color), ascii: flags.ascii || !isUtf8Locale(env)};
}
