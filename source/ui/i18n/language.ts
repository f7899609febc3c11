export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: string): value is Language {
	return (languages as readonly string[]).includes(value);
}

/**
 * `--lang` wins; else the locale that governs messages (the first set of LC_ALL, LC_MESSAGES, LANG, in POSIX
 * order): Chinese when it starts with `zh`, English otherwise.
 */
export function languageFrom(flag: Language | undefined, env: NodeJS.ProcessEnv): Language {
	if (flag !== undefined) return flag;
	const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '');
	return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * The dashboard's language: `--lang`, else the locale's, but English on a terminal that cannot show Chinese
 * (a non-UTF-8 locale such as zh_CN.GB18030, or `--ascii`: `ascii` from the terminal capabilities).
 */
export function dashboardLanguage(flag: Language | undefined, env: NodeJS.ProcessEnv, ascii: boolean): Language {
	return flag === undefined && ascii ? 'en' : languageFrom(flag, env);
}
