import type {Language} from './language.js';
import {messagesEn, type Messages} from './messages-en.js';
import {messagesZh} from './messages-zh.js';

const catalogues: Record<Language, Messages> = {en: messagesEn, zh: messagesZh};

export function messagesFor(language: Language): Messages {
	return catalogues[language];
}
