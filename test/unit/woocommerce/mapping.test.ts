import { createHmac } from 'node:crypto';
import { gmtToIso, normalizeStatus, toOrder } from '../../../lib/connectors/woocommerce/mapping';
import { WooWebhooks } from '../../../lib/connectors/woocommerce/webhooks';
import type { WooOrder } from '../../../lib/connectors/woocommerce/wire';
import { hmacSha256, timingSafeEqualStrings, verifyHmacSignature } from '../../../lib/webhooks';

const wire = (overrides: Partial<WooOrder> = {}): WooOrder => ({
	id: 42,
	number: 'A-42',
	status: 'on-hold',
	currency: 'EUR',
	date_created_gmt: '2024-05-01T08:00:00',
	date_modified_gmt: '2024-05-02T09:30:15',
	total: '24.20',
	total_tax: '4.20',
	shipping_total: '0.00',
	customer_id: 7,
	billing: { first_name: 'Zofia', last_name: 'Nowak', email: 'zofia@example.pl', country: 'pl', city: 'Kraków', address_1: 'Rynek 1', address_2: 'm. 2' },
	line_items: [{ id: 5, name: 'Tea', product_id: 9, variation_id: 0, quantity: 2, subtotal: '20.00', total: '20.00', total_tax: '4.20', sku: 'TEA', price: 10 }],
	meta_data: [],
	...overrides,
});

describe('WooCommerce order mapping', () => {
	it('maps core statuses to canonical ones and keeps custom ones uncanonical', () => {
		expect(toOrder(wire()).canonicalStatus).toBe('on_hold');
		expect(toOrder(wire({ status: 'pending' })).canonicalStatus).toBe('new');
		expect(toOrder(wire({ status: 'wc-shipped' }))).toMatchObject({ status: { code: 'shipped' }, canonicalStatus: undefined });
		expect(normalizeStatus('wc-completed')).toBe('completed');
	});

	it('takes tax rates from the order\'s tax lines, not from rounded amounts, and rounds unit prices', () => {
		// As WooCommerce 10 sends them: 0.83 at 20 % is taxed 0.17 (20.48 % if derived), 59.70 / 3 is a float.
		const order = toOrder(
			wire({
				line_items: [
					{ id: 5, name: 'Sticker', product_id: 9, quantity: 1, subtotal: '0.83', total: '0.83', total_tax: '0.17', price: 0.83, taxes: [{ id: 1, total: '0.17', subtotal: '0.17' }] },
					{ id: 6, name: 'Tea', product_id: 10, quantity: 3, subtotal: '59.70', total: '59.70', total_tax: '5.97', price: 19.900000000000002, taxes: [{ id: 2, total: '5.97', subtotal: '5.97' }] },
					{ id: 7, name: 'Gift card', product_id: 11, quantity: 1, subtotal: '5.00', total: '5.00', total_tax: '0.00', price: 5, taxes: [] },
				],
				tax_lines: [
					{ id: 20, rate_id: 1, rate_code: 'SK-DPH-1', label: 'DPH', compound: false, tax_total: '0.17', rate_percent: 20 },
					{ id: 21, rate_id: 2, rate_code: 'SK-DPH-2', label: 'DPH', compound: false, tax_total: '5.97', rate_percent: 10 },
				],
			}),
		);
		expect(order.lines.map((line) => [line.unitPrice, line.taxRate])).toEqual([
			[0.83, 20],
			[19.9, 10],
			[5, 0],
		]);
		// A compound rate taxes the tax too: 20 % then 2 % compound is 22.4 %.
		const compound = toOrder(
			wire({
				line_items: [{ id: 5, name: 'Wine', product_id: 9, quantity: 1, subtotal: '10.00', total: '10.00', total_tax: '2.24', taxes: [{ id: 1, total: '2.00' }, { id: 3, total: '0.24' }] }],
				tax_lines: [
					{ id: 20, rate_id: 1, compound: false, rate_percent: 20 },
					{ id: 22, rate_id: 3, compound: true, rate_percent: 2 },
				],
			}),
		);
		expect(compound.lines[0].taxRate).toBe(22.4);
		// Without tax lines (before WooCommerce 3.7) the rate is derived as before.
		expect(toOrder(wire()).lines[0].taxRate).toBe(21);
	});

	it('reads customer, addresses, lines, totals and UTC dates', () => {
		const order = toOrder(wire());
		expect(order.customer).toMatchObject({ id: '7', email: 'zofia@example.pl', name: 'Zofia Nowak', country: 'PL', language: undefined });
		expect(order.billingAddress).toMatchObject({ street: 'Rynek 1, m. 2', city: 'Kraków', country: 'PL' });
		expect(order.lines).toEqual([{ id: '5', sku: 'TEA', productId: '9', name: 'Tea', quantity: 2, unitPrice: 10, taxRate: 21, total: 20 }]);
		expect(order.totals).toEqual({ gross: 24.2, tax: 4.2, shipping: 0, net: 20 });
		expect(order.updatedAt).toBe('2024-05-02T09:30:15.000Z');
		expect(gmtToIso('2024-05-02T09:30:15+02:00')).toBe('2024-05-02T07:30:15.000Z');
	});

	it('takes the language from multilingual plugin meta and other systems\u2019 ids from meta', () => {
		const order = toOrder(
			wire({
				meta_data: [
					{ key: 'wpml_language', value: 'pl' },
					{ key: '_pohoda_id', value: 'FV2024-17' },
					{ key: '_ozon_order_id', value: 123 },
					{ key: '_transaction_id', value: 'pay_1' },
				],
			}),
		);
		expect(order.customer.language).toBe('pl');
		expect(order.externalIds).toEqual({ woocommerce: '42', pohoda: 'FV2024-17', ozon: '123' });
		expect(toOrder(wire({ meta_data: [{ key: '_order_language', value: 'sk_SK' }] })).customer.language).toBe('sk-SK');
	});

	it('reads tracking from the Shipment Tracking plugin meta', () => {
		const order = toOrder(
			wire({ meta_data: [{ key: '_wc_shipment_tracking_items', value: [{ tracking_provider: 'dpd', tracking_number: 'X1', tracking_link: 'https://t/X1' }] }] }),
		);
		expect(order.tracking).toEqual([{ carrier: 'dpd', number: 'X1', url: 'https://t/X1' }]);
	});
});

describe('webhook signatures', () => {
	const body = Buffer.from(JSON.stringify({ id: 42, status: 'completed', note: 'Zaplatené ✓' }));
	const secret = 's3cret';
	const signature = createHmac('sha256', secret).update(body).digest('base64');

	it('verifies base64 HMAC-SHA256 of the raw bytes, and nothing else', () => {
		expect(hmacSha256(body, secret)).toBe(signature);
		expect(verifyHmacSignature({ rawBody: body, secret, signature })).toBe(true);
		expect(verifyHmacSignature({ rawBody: Buffer.concat([body, Buffer.from(' ')]), secret, signature })).toBe(false);
		expect(verifyHmacSignature({ rawBody: body, secret: 'other', signature })).toBe(false);
		expect(verifyHmacSignature({ rawBody: body, secret, signature: undefined })).toBe(false);
		expect(verifyHmacSignature({ rawBody: body, secret: '', signature: hmacSha256(body, '') })).toBe(false);
		expect(verifyHmacSignature({ rawBody: undefined, secret, signature })).toBe(false);
		expect(timingSafeEqualStrings('abc', 'abcd')).toBe(false);
	});

	it('reads WooCommerce deliveries: ping, order topics, what to ignore and what is malformed', () => {
		const hooks = new WooWebhooks(async () => ({ data: undefined as never }));
		const headers = { 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-delivery-id': '77', 'x-wc-webhook-id': '5', 'x-wc-webhook-signature': signature };
		expect(hooks.verify(body, headers, secret)).toBe(true);
		expect(hooks.isPing(Buffer.from('webhook_id=12'), {})).toBe(true);
		// A signed body is a delivery, whatever it looks like.
		expect(hooks.isPing(Buffer.from('webhook_id=12'), headers)).toBe(false);
		expect(hooks.isPing(body, {})).toBe(false);
		const delivery = hooks.parse(Buffer.from(JSON.stringify(wire())), headers);
		expect(delivery).toMatchObject({ kind: 'order', topic: 'order.updated', deliveryId: '77', order: { id: '42' } });
		expect(hooks.parse(body, { 'x-wc-webhook-topic': 'product.updated' }).kind).toBe('ignored');
		expect(hooks.parse(body, { 'x-wc-webhook-topic': 'order.deleted' }).kind).toBe('ignored');
		expect(hooks.parse(Buffer.from('{oops'), headers)).toEqual({ kind: 'malformed', reason: 'the body is not JSON' });
		expect(hooks.parse(Buffer.from('{"id":"42"}'), headers).kind).toBe('malformed');
		expect(hooks.parse(Buffer.from(JSON.stringify({ ...wire(), line_items: 'none' })), headers)).toMatchObject({ kind: 'malformed', reason: /order 42/ });
		expect(hooks.describe(headers)).toEqual({ topic: 'order.updated', deliveryId: '77', webhookId: '5' });
	});
});
