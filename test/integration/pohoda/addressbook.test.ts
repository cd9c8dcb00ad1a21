/**
 * F19/F20: an imported order's customer is found in POHODA's address book (IČO, then e-mail, then phone) or created,
 * and the order references the record (partnerIdentity/typ:id); the region is written only when asked. The simulator
 * validates every dataPack against Stormware's XSDs with xmllint, so a passing import is a schema-valid one.
 */
import type { Order } from '../../../lib/model';
import { decideByStock, orderWith } from '../../../lib/rules';
import { startPohodaSimulator, type PohodaSimulator } from '../../simulators/pohoda';
import { connectorFor } from './support';

let pohoda: PohodaSimulator;
beforeEach(async () => {
	pohoda = await startPohodaSimulator();
});
afterEach(() => pohoda.close());

function marketplaceOrder(overrides: Partial<Order> = {}): Order {
	return {
		system: 'zzap',
		id: '880101',
		number: '880101',
		externalIds: { zzap: '880101' },
		status: { code: '1', label: 'Новый' },
		customer: { name: 'Сергей Иванов', email: "o'brien@example.ru", phone: '+79161234567', region: 'Московская область' },
		lines: [{ id: '880101', sku: 'W712/95', name: 'MANN-FILTER W712/95', quantity: 2, unitPrice: 690 }],
		currency: 'RUB',
		createdAt: '2026-12-07T08:00:00Z',
		...overrides,
	};
}

const importWith = (order: Order, options: Record<string, unknown>) =>
	connectorFor(pohoda, { import: { externalSystem: 'zzap', pricesIncludeVat: true, ...options } }).importOrder(order, order.id);

const lastOrder = () => [...pohoda.orders.values()].pop();

describe('POHODA address book: customer matched, else created', () => {
	it('creates the customer when absent and links the order to the new record', async () => {
		const result = await importWith(marketplaceOrder(), { addressBook: 'matchOrCreate' });
		expect(result.customer).toEqual({ id: 1, created: true, regionUpdated: false });
		expect(pohoda.addressBook.get(1)).toMatchObject({ name: 'Сергей Иванов', email: "o'brien@example.ru", phone: '+79161234567' });
		expect(pohoda.addressBook.get(1)?.region).toBeUndefined();
		expect(lastOrder()?.partner.addressId).toBe(1);
		expect(pohoda.requests.some((r) => r.body?.includes('AD.Email = &apos;o&apos;&apos;brien@example.ru&apos;'))).toBe(true);
	});

	it('finds the customer by e-mail, then phone, and creates nothing', async () => {
		pohoda.seedAddresses([{ name: 'Другой', email: 'other@example.ru' }, { name: 'Сергей И.', mobil: '+79161234567' }]);
		const result = await importWith(marketplaceOrder(), { addressBook: 'matchOrCreate' });
		expect(result.customer).toEqual({ id: 2, matchedBy: 'phone', created: false, regionUpdated: false });
		expect(pohoda.addressBook.size).toBe(2);
		expect(lastOrder()?.partner.addressId).toBe(2);
	});

	it('prefers the IČO of a company customer', async () => {
		const [company] = pohoda.seedAddresses([{ company: 'ООО Автодеталь', ico: '7701234567' }, { name: 'Сергей', email: "o'brien@example.ru" }]);
		const result = await importWith(marketplaceOrder({ customer: { ...marketplaceOrder().customer, companyId: '7701234567' } }), { addressBook: 'match' });
		expect(result.customer).toMatchObject({ id: company.id, matchedBy: 'ico' });
	});

	// mServer answers in Windows-1250, so a region is compared as POHODA can keep it: Latin letters here
	it('sets the region only when asked and only when it differs (F20)', async () => {
		const customer = { ...marketplaceOrder().customer, region: 'Jihomoravský kraj' };
		const [record] = pohoda.seedAddresses([{ name: 'Sergej', email: "o'brien@example.ru", region: 'Praha' }]);
		await importWith(marketplaceOrder({ customer }), { addressBook: 'match' });
		expect(pohoda.addressBook.get(record.id)?.region).toBe('Praha');
		const updated = await importWith(marketplaceOrder({ id: '880102', customer }), { addressBook: 'match', updateRegion: true });
		expect(updated.customer).toMatchObject({ regionUpdated: true });
		expect(pohoda.addressBook.get(record.id)?.region).toBe('Jihomoravský kraj');
		const again = await importWith(marketplaceOrder({ id: '880103', customer }), { addressBook: 'match', updateRegion: true });
		expect(again.customer).toMatchObject({ regionUpdated: false });
	});

	it('stops on two records for one e-mail instead of picking one, and imports nothing', async () => {
		pohoda.seedAddresses([{ name: 'A', email: "o'brien@example.ru" }, { name: 'B', email: "o'brien@example.ru" }]);
		await expect(importWith(marketplaceOrder(), { addressBook: 'matchOrCreate' })).rejects.toThrow(/2 address book records have the email .* \(ids 1, 2\); merge them/);
		expect(pohoda.orders.size).toBe(0);
	});

	it('leaves the address book alone when off or when only matching finds nobody', async () => {
		await importWith(marketplaceOrder(), {});
		expect(pohoda.requests.some((r) => r.body?.includes('listAddressBookRequest'))).toBe(false);
		const result = await importWith(marketplaceOrder({ id: '880104' }), { addressBook: 'match' });
		expect(result.customer).toBeUndefined();
		expect(pohoda.addressBook.size).toBe(0);
	});

	it('finds an Ozon buyer without any contact (the marketplace itself) by name, creating it once', async () => {
		const ozon = (id: string) => marketplaceOrder({ system: 'ozon', id, number: id, customer: { id: 'ozon', name: 'Ozon' } });
		const first = await importWith(ozon('10000001-0001-1'), { addressBook: 'matchOrCreate' });
		const second = await importWith(ozon('10000002-0001-1'), { addressBook: 'matchOrCreate' });
		expect(first.customer).toMatchObject({ created: true });
		expect(second.customer).toEqual({ id: first.customer?.id, matchedBy: 'name', created: false, regionUpdated: false });
		expect([...pohoda.orders.values()].map((o) => o.partner.addressId)).toEqual([first.customer?.id, first.customer?.id]);
	});

	it('carries the bound offer of each accepted position into the order items (F17)', async () => {
		const order = marketplaceOrder();
		const decision = decideByStock(order, [{ sku: 'W712/95', stock: 4, supplier: 'Склад Юг & Co', price: 410.5, deliveryDays: 2 }], { allowPartial: true });
		expect(decision.positions[0].offer).toEqual({ supplier: 'Склад Юг & Co', price: 410.5, deliveryDays: 2, available: 4 });
		await importWith(orderWith(order, decision, 'accepted'), { addressBook: 'matchOrCreate' });
		const sent = pohoda.requests.map((r) => r.body ?? '').find((b) => b.includes('<ord:order '));
		expect(sent).toContain('<ord:note>Dodavatel: Склад Юг &amp; Co; nákupní cena: 410.5; dodání: 2 dní</ord:note>');
		expect(lastOrder()?.lines).toHaveLength(1);
	});
});
