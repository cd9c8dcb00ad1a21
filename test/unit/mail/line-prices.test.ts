import { toOrder } from '../../../lib/connectors/woocommerce/mapping';
import type { WooOrder } from '../../../lib/connectors/woocommerce/wire';
import { placeholdersFor } from '../../../lib/mail/placeholders';
import { LANGUAGE_PACKS } from '../../../lib/mail/templates';

const wooOrder = {
	id: 42,
	status: 'processing',
	currency: 'EUR',
	total: '24.20',
	total_tax: '4.20',
	billing: { first_name: 'Emma', email: 'emma@example.com' },
	line_items: [{ id: 5, name: 'Tea', product_id: 9, variation_id: 0, quantity: 2, subtotal: '20.00', total: '20.00', total_tax: '4.20', sku: 'TEA', price: 10 }],
	meta_data: [],
} as unknown as WooOrder;

const values = (order: ReturnType<typeof toOrder>) => placeholdersFor({ event: 'order_confirmation', order, pack: LANGUAGE_PACKS.en, shopName: 'Tea Shop' });

describe('line prices in customer mails', () => {
	test('a WooCommerce order (line prices before tax) shows what the customer pays, adding up to the total', () => {
		const mail = values(toOrder(wooOrder));
		expect(mail.total).toBe('€24.20');
		expect(typeof mail.linesTable === 'object' && mail.linesTable.text).toContain('Tea | 2 | €12.10 | €24.20');
	});

	test('an order whose line prices include tax, or does not say, is shown as it is', () => {
		const mail = values({ ...toOrder(wooOrder), linePricesIncludeTax: undefined, totals: undefined });
		expect(typeof mail.linesTable === 'object' && mail.linesTable.text).toContain('Tea | 2 | €10.00 | €20.00');
		expect(mail.total).toBe('€20.00');
	});
});
