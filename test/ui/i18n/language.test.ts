import {describe, expect, it} from 'vitest';
import {parseLanguageFlag} from '../../../source/commands/options.js';
import {dashboardLanguage, languageFrom} from '../../../source/ui/i18n/language.js';

describe('languageFrom', () => {
	it('--lang wins over the locale', () => {
		expect(languageFrom('en', {LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_TW.UTF-8'})).toBe('en');
		expect(languageFrom('zh', {LANG: 'en_US.UTF-8'})).toBe('zh');
	});

	it.each([
		[{LANG: 'zh_CN.UTF-8'}, 'zh'],
		[{LANG: 'zh_TW.UTF-8'}, 'zh'],
		[{LANG: 'en_US.UTF-8'}, 'en'],
		[{LANG: 'C.UTF-8'}, 'en'],
		[{}, 'en'],
		[{LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8'}, 'zh'],
		[{LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LANG: 'en_US.UTF-8'}, 'zh'],
		// The first one set decides, as in POSIX: LC_ALL=C means C even with LANG=zh_CN.
		[{LC_ALL: 'C', LANG: 'zh_CN.UTF-8'}, 'en'],
		[{LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8'}, 'en'],
		// An empty variable counts as unset.
		[{LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_SG.UTF-8'}, 'zh'],
	] as const)('%o -> %s', (env, expected) => {
		expect(languageFrom(undefined, env)).toBe(expected);
	});
});

describe('dashboardLanguage', () => {
	it('keeps a Chinese locale English where the terminal cannot show it, unless --lang asks', () => {
		expect(dashboardLanguage(undefined, {LANG: 'zh_CN.UTF-8'}, false)).toBe('zh');
		expect(dashboardLanguage(undefined, {LANG: 'zh_CN.GB18030'}, true)).toBe('en');
		expect(dashboardLanguage('zh', {LANG: 'C'}, true)).toBe('zh');
		expect(dashboardLanguage('en', {LANG: 'zh_CN.UTF-8'}, false)).toBe('en');
	});
});

describe('--lang', () => {
	it('takes en or zh (any case), nothing when not given', () => {
		expect(parseLanguageFlag(undefined)).toBeUndefined();
		expect(parseLanguageFlag('zh')).toBe('zh');
		expect(parseLanguageFlag('EN')).toBe('en');
	});

	it('refuses anything else with one line', () => {
		expect(() => parseLanguageFlag('fr')).toThrow("--lang must be en or zh, got 'fr'");
		expect(() => parseLanguageFlag('')).toThrow('--lang needs a value: en or zh');
	});
});
