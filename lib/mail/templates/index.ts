import { cs } from './cs';
import { de } from './de';
import { en } from './en';
import { pl } from './pl';
import { ru } from './ru';
import { sk } from './sk';
import { sv } from './sv';
import type { LanguagePack } from './types';

export type { LanguagePack, MailTemplate } from './types';

export const MAIL_LANGUAGES = ['sk', 'cs', 'pl', 'sv', 'ru', 'en', 'de'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export const LANGUAGE_PACKS: Record<MailLanguage, LanguagePack> = { sk, cs, pl, sv, ru, en, de };

export const LANGUAGE_NAMES: Record<MailLanguage, string> = {
	sk: 'Slovak',
	cs: 'Czech',
	pl: 'Polish',
	sv: 'Swedish',
	ru: 'Russian',
	en: 'English',
	de: 'German',
};

export function isMailLanguage(value: unknown): value is MailLanguage {
	return typeof value === 'string' && (MAIL_LANGUAGES as readonly string[]).includes(value);
}
