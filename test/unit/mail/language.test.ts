import { chooseLanguage } from '../../../lib/mail';

describe('chooseLanguage', () => {
	test.each([
		[{ customer: { language: 'sk' } }, 'sk', 'customer'],
		[{ customer: { language: 'pl-PL', country: 'DE' } }, 'pl', 'customer'],
		[{ customer: { language: 'cz' } }, 'cs', 'customer'],
		[{ customer: { language: 'sv_SE' } }, 'sv', 'customer'],
		[{ customer: { language: 'fr', country: 'AT' } }, 'de', 'country'],
		[{ customer: { country: 'by' } }, 'ru', 'country'],
		[{ customer: {}, billingAddress: { country: 'CZ' } }, 'cs', 'country'],
		[{ customer: {}, shippingAddress: { country: 'SE' } }, 'sv', 'country'],
		[{ customer: { language: 'fr', country: 'FR' } }, 'en', 'fallback'],
		[{ customer: {} }, 'en', 'fallback'],
	])('%j → %s (%s)', (order, language, source) => {
		expect(chooseLanguage(order as never, 'en')).toEqual({ language, source });
	});

	test('the fallback is the one the user set', () => {
		expect(chooseLanguage({ customer: { country: 'IT' } }, 'de').language).toBe('de');
	});
});
