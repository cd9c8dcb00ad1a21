import type { Order } from '../model';
import { isMailLanguage, type MailLanguage } from './templates';

/** Countries (ISO 3166-1 alpha-2) whose customers are written to in one of our languages. */
const COUNTRY_LANGUAGE: Record<string, MailLanguage> = {
	SK: 'sk',
	CZ: 'cs',
	PL: 'pl',
	SE: 'sv',
	AX: 'sv',
	RU: 'ru',
	BY: 'ru',
	KZ: 'ru',
	KG: 'ru',
	DE: 'de',
	AT: 'de',
	CH: 'de',
	LI: 'de',
	LU: 'de',
	GB: 'en',
	IE: 'en',
	US: 'en',
	CA: 'en',
	AU: 'en',
	NZ: 'en',
};

/** Language codes people and shops write that are not ISO 639-1 ("cz" for Czech, "se" for Swedish). */
const LANGUAGE_ALIASES: Record<string, MailLanguage> = { cz: 'cs', se: 'sv', ger: 'de', deu: 'de', ces: 'cs', slk: 'sk', pol: 'pl', swe: 'sv', rus: 'ru', eng: 'en' };

function fromLanguageTag(tag: string | undefined): MailLanguage | undefined {
	if (!tag) return undefined;
	const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
	if (isMailLanguage(primary)) return primary;
	return LANGUAGE_ALIASES[primary];
}

function fromCountry(country: string | undefined): MailLanguage | undefined {
	return country ? COUNTRY_LANGUAGE[country.trim().toUpperCase()] : undefined;
}

export type LanguageSource = 'customer' | 'country' | 'fallback';

/** The customer's language when we have it, else their country's, else the fallback the user set. */
export function chooseLanguage(order: Pick<Order, 'customer' | 'billingAddress' | 'shippingAddress'>, fallback: MailLanguage) {
	const spoken = fromLanguageTag(order.customer?.language);
	if (spoken) return { language: spoken, source: 'customer' as LanguageSource };
	for (const country of [order.customer?.country, order.billingAddress?.country, order.shippingAddress?.country]) {
		const language = fromCountry(country);
		if (language) return { language, source: 'country' as LanguageSource };
	}
	return { language: fallback, source: 'fallback' as LanguageSource };
}
