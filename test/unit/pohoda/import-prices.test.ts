import { addOrderRequest } from '../../../lib/connectors/pohoda/requests/order';
import { toOrder } from '../../../lib/connectors/woocommerce/mapping';
import type { WooOrder } from '../../../lib/connectors/woocommerce/wire';

const wooOrder = {
	id: 42,
	status: 'processing',
	currency: 'CZK',
	date_created_gmt: '2026-05-01T08:00:00',
	total: '242.00',
	total_tax: '42.00',
	billing: { first_name: 'Jana', last_name: 'Nová', email: 'jana@example.cz', country: 'CZ' },
	line_items: [{ id: 5, name: 'Tea', product_id: 9, variation_id: 0, quantity: 2, subtotal: '200.00', total: '200.00', total_tax: '42.00', sku: 'TEA', price: 100 }],
	meta_data: [],
} as unknown as WooOrder;

const options = { externalSystem: 'eshop', pricesIncludeVat: true, linkStockItems: false };

describe('POHODA import of line prices', () => {
	test('WooCommerce line prices are before tax, so POHODA is told they exclude VAT whatever the default', () => {
		const xml = addOrderRequest(toOrder(wooOrder), '42', options);
		expect(xml).toContain('<typ:unitPrice>100</typ:unitPrice>');
		expect(xml).toContain('<ord:payVAT>false</ord:payVAT>');
		expect(xml).not.toContain('<ord:payVAT>true</ord:payVAT>');
	});

	test('an order that does not say follows the import option', () => {
		const order = { ...toOrder(wooOrder), linePricesIncludeTax: undefined };
		expect(addOrderRequest(order, '42', options)).toContain('<ord:payVAT>true</ord:payVAT>');
		expect(addOrderRequest(order, '42', { ...options, pricesIncludeVat: false })).toContain('<ord:payVAT>false</ord:payVAT>');
	});
});
