import type { LineDiff, Order } from '../model';
import type { MailLanguage } from './templates';

const SAMPLE_CUSTOMERS: Record<MailLanguage, { name: string; country: string; currency: string; city: string }> = {
	sk: { name: 'Jana Kováčová', country: 'SK', currency: 'EUR', city: 'Bratislava' },
	cs: { name: 'Petr Dvořák', country: 'CZ', currency: 'CZK', city: 'Brno' },
	pl: { name: 'Agnieszka Wiśniewska', country: 'PL', currency: 'PLN', city: 'Kraków' },
	sv: { name: 'Erik Lindqvist', country: 'SE', currency: 'SEK', city: 'Göteborg' },
	ru: { name: 'Ольга Смирнова', country: 'RU', currency: 'RUB', city: 'Санкт-Петербург' },
	en: { name: 'Emma Thompson', country: 'GB', currency: 'GBP', city: 'Leeds' },
	de: { name: 'Lukas Schneider', country: 'DE', currency: 'EUR', city: 'Leipzig' },
};

/** A made-up decision form address for test messages of decision events. */
export const SAMPLE_DECISION_URL = 'https://n8n.example.com/form-waiting/1001?signature=sample';

/** A made-up order in the customer's language and currency, for test messages that show every template part. */
export function sampleOrder(language: MailLanguage): { order: Order; lineDiff: LineDiff } {
	const customer = SAMPLE_CUSTOMERS[language];
	const order: Order = {
		system: 'sample',
		id: 'SAMPLE-1001',
		number: '2026-1001',
		externalIds: {},
		status: { code: 'processing', label: 'Processing' },
		canonicalStatus: 'processing',
		customer: { name: customer.name, email: 'customer@example.com', language, country: customer.country },
		shippingAddress: { name: customer.name, city: customer.city, country: customer.country },
		lines: [
			{ sku: 'MUG-01', name: 'Ceramic mug <Blue & White>', quantity: 2, unitPrice: 12.5, total: 25, backordered: 1 },
			{ sku: 'TEA-250', name: 'Green tea 250 g', quantity: 1, unitPrice: 8.9, total: 8.9 },
		],
		currency: customer.currency,
		totals: { shipping: 4.5, gross: 38.4 },
		tracking: [{ carrier: 'DHL', number: '00340434161094042557', url: 'https://www.dhl.com/track?id=00340434161094042557' }],
		documents: { invoiceNumber: 'FV-2026-0042' },
		createdAt: '2026-11-20T09:30:00.000Z',
	};
	const lineDiff: LineDiff = {
		added: [{ sku: 'SPOON-01', name: 'Tea spoon', quantity: 2, unitPrice: 3 }],
		removed: [{ sku: 'CUP-09', name: 'Espresso cup', quantity: 1 }],
		changed: [{ key: 'sku:mug-01', sku: 'MUG-01', name: 'Ceramic mug <Blue & White>', quantityBefore: 3, quantityAfter: 2 }],
	};
	return { order, lineDiff };
}
