import { postingToOrder, type OzonPosting } from '../../../lib/connectors/ozon';
import { VendorError } from '../../../lib/transport';

const base: OzonPosting = {
	posting_number: '12345678-0001-1',
	order_number: '12345678-0001',
	status: 'awaiting_packaging',
	in_process_at: '2026-11-20T10:00:00Z',
	products: [
		{ sku: 1001, offer_id: 'BRK-PAD-01', name: 'Brake pads', quantity: 2, price: '2490.000000', currency_code: 'RUB' },
		{ sku: 1002, offer_id: 'OIL-FLT-07', name: 'Oil filter', quantity: 3, price: { amount: '100.10', currency: 'RUB' } },
	],
	analytics_data: { region: 'Москва', city: 'Москва' },
};

describe('postingToOrder', () => {
	it('maps a posting to the core order, reading v3 and v4 prices', () => {
		const order = postingToOrder(base);
		expect(order).toMatchObject({
			system: 'ozon',
			id: '12345678-0001-1',
			number: '12345678-0001',
			externalIds: { ozon: '12345678-0001-1' },
			status: { code: 'awaiting_packaging', label: 'Awaiting packaging' },
			canonicalStatus: 'new',
			currency: 'RUB',
			totals: { gross: 5280.3 },
			createdAt: '2026-11-20T10:00:00Z',
			customer: { id: 'ozon', name: 'Ozon', region: 'Москва' },
		});
		expect(order.lines).toEqual([
			{ id: '1001', sku: 'BRK-PAD-01', productId: '1001', name: 'Brake pads', quantity: 2, unitPrice: 2490, total: 4980 },
			{ id: '1002', sku: 'OIL-FLT-07', productId: '1002', name: 'Oil filter', quantity: 3, unitPrice: 100.1, total: 300.3 },
		]);
		expect(order.raw).toBe(base);
	});

	it('takes the buyer and address from an rFBS posting, never inventing e-mail or phone', () => {
		const order = postingToOrder({
			...base,
			status: 'delivering',
			tracking_number: 'TRK-1',
			delivery_method: { tpl_provider: 'СДЭК' },
			customer: { customer_id: 5, name: ' Анна ', phone: '', address: { address_tail: 'ул. Мира, 1', city: 'Тула', country: 'Россия', region: 'Тульская обл.', zip_code: '300000', comment: 'call first' } },
		});
		expect(order.customer).toEqual({ id: 'ozon:5', name: 'Анна', region: 'Тульская обл.', country: 'RU' });
		expect(order.shippingAddress).toEqual({ name: 'Анна', street: 'ул. Мира, 1', city: 'Тула', postcode: '300000', region: 'Тульская обл.', country: 'RU' });
		expect(order.canonicalStatus).toBe('shipped');
		expect(order.tracking).toEqual([{ number: 'TRK-1', carrier: 'СДЭК' }]);
		expect(order.note).toBe('call first');
	});

	it('keeps an unknown status without a canonical meaning', () => {
		expect(postingToOrder({ ...base, status: 'brand_new_state', substatus: 'x' })).toMatchObject({ status: { code: 'brand_new_state', label: 'x' }, canonicalStatus: undefined });
	});

	it('refuses postings it cannot map, naming them', () => {
		expect(() => postingToOrder({ ...base, posting_number: '' })).toThrow(VendorError);
		expect(() => postingToOrder({ ...base, products: [{ sku: 1, quantity: 1.5 }] })).toThrow(/12345678-0001-1 has a product without a valid SKU or quantity/);
		expect(() => postingToOrder({ ...base, products: [{ sku: 1, quantity: 1, price: '-3' }] })).toThrow(/price "-3" for SKU 1/);
	});
});
