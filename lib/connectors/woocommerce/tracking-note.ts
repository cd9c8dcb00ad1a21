import { chooseLanguage } from '../../mail/language';
import type { MailLanguage } from '../../mail/templates';
import type { Order, Tracking } from '../../model';

const WORDING: Record<MailLanguage, { shipped: string; number: string }> = {
	en: { shipped: 'Your order has been shipped', number: 'Tracking number' },
	sk: { shipped: 'Vaša objednávka bola odoslaná', number: 'Číslo zásielky' },
	cs: { shipped: 'Vaše objednávka byla odeslána', number: 'Číslo zásilky' },
	pl: { shipped: 'Twoje zamówienie zostało wysłane', number: 'Numer przesyłki' },
	sv: { shipped: 'Din beställning har skickats', number: 'Spårningsnummer' },
	ru: { shipped: 'Ваш заказ отправлен', number: 'Номер отслеживания' },
	de: { shipped: 'Ihre Bestellung wurde versandt', number: 'Sendungsnummer' },
};

/** The order note that tells the customer about a shipment, in their language (English when it is not known). */
export function trackingNote(order: Order, tracking: Tracking): string {
	const words = WORDING[chooseLanguage(order, 'en').language];
	return [`${words.shipped}${tracking.carrier ? ` (${tracking.carrier})` : ''}. ${words.number}: ${tracking.number}`, tracking.url].filter(Boolean).join('\n');
}
