import { PrestaShopShop, shopTimeToIso } from '../../../lib/connectors/prestashop';

/** A PrestaShop to run the connector against, simulated or real, and how to read the mails it sent. */
export interface PrestaTarget {
	shop(settings?: ConstructorParameters<typeof PrestaShopShop>[0]['settings']): PrestaShopShop;
	timeZone: string;
	/** A mark to count mails from */
	mailMark(): number;
	/** Mails sent since the mark: template and recipient */
	mailsSince(mark: number): Array<{ template: string; to: string }>;
}

/** The releases the simulator answers as, where they differ for the connector's calls (its `version` option). */
export const PRESTASHOP_VERSIONS = ['1.7.8.11', '8.1.2', '9.0.1'];

/** The seed every target has: order 2 is Jiří Dvořák's (Czech, customer language cs) with one book. */
const CZECH_ORDER = '2';
const CZECH_EMAIL = 'jiri.dvorak@example.cz';

/** The connector's behaviour, the same against the simulator and the real PrestaShop. */
export function connectorContract(target: () => PrestaTarget): void {
	const other = (state: string) => (state === '3' ? '4' : '3');

	it('maps an order: lines, customer and language, country, currency, totals, state in the order language, UTC times', async () => {
		const shop = target().shop();
		const order = await shop.getOrder(CZECH_ORDER);
		expect(order).toMatchObject({
			system: 'prestashop',
			id: CZECH_ORDER,
			externalIds: { prestashop: CZECH_ORDER },
			customer: { email: CZECH_EMAIL, name: 'Jiří Dvořák', language: 'cs', country: 'CZ' },
			currency: 'EUR',
			linePricesIncludeTax: false,
		});
		expect(order.lines).toEqual([expect.objectContaining({ sku: 'RW-BOOK', quantity: 1, unitPrice: 20, taxRate: 10 })]);
		expect(order.totals?.gross).toBeGreaterThan(order.totals?.net ?? Infinity);
		const raw = order.raw as Record<string, string>;
		expect(order.updatedAt).toBe(shopTimeToIso(raw.date_upd, target().timeZone));
		expect(order.updatedAt).toMatch(/Z$/);
		const states = await shop.listStatuses();
		const czechName = { '3': 'Zpracovává se', '4': 'Odeslána', '10': 'Čeká se na platbu převodem' }[order.status.code];
		if (czechName) expect(order.status.label).toBe(czechName);
		expect(states.find((s) => s.code === order.status.code)).toBeDefined();
	});

	it('lists order states with meanings from their templates, in English labels', async () => {
		const states = await target().shop().listStatuses();
		expect(states.find((s) => s.code === '2')).toEqual({ code: '2', label: 'Payment accepted', canonical: 'confirmed' });
		expect(states.find((s) => s.code === '5')).toMatchObject({ label: 'Delivered', canonical: 'delivered' });
		expect(states.find((s) => s.code === '6')).toMatchObject({ canonical: 'cancelled' });
	});

	it('lists orders changed after an instant, oldest change first, and by state', async () => {
		const shop = target().shop();
		const all = await shop.listOrders({ order: 'oldestModifiedFirst' });
		expect(all.length).toBeGreaterThanOrEqual(4);
		const times = all.map((o) => o.updatedAt as string);
		expect(times).toEqual([...times].sort());
		const newest = times[times.length - 1];
		expect(await shop.listOrders({ modifiedAfter: newest, order: 'oldestModifiedFirst' })).toEqual([]);
		const before = new Date(Date.parse(newest) - 1000).toISOString();
		expect((await shop.listOrders({ modifiedAfter: before, order: 'oldestModifiedFirst' })).map((o) => o.id)).toContain(all[all.length - 1].id);
		const [latest] = await shop.listOrders({ limit: 1, order: 'newestModifiedFirst' });
		expect(latest.updatedAt).toBe(newest);
		const czech = await shop.getOrder(CZECH_ORDER);
		const byState = await shop.listOrders({ statuses: [czech.status.code] });
		expect(byState.map((o) => o.id)).toContain(CZECH_ORDER);
		expect(byState.every((o) => o.status.code === czech.status.code)).toBe(true);
		await expect(shop.listOrders({ statuses: ['processing'] })).rejects.toThrow(/no order state "processing".*2 \(Payment accepted\)/);
	});

	it('moves a state by order_histories without a mail by default; with PrestaShop mailing, one mail per event and none for the same state again', async () => {
		const t = target();
		const shop = t.shop();
		const current = (await shop.getOrder(CZECH_ORDER)).status.code;
		const first = other(current);
		let mark = t.mailMark();
		const [silent] = await shop.updateStatuses([{ orderId: CZECH_ORDER, status: first }]);
		expect(silent).toMatchObject({ ok: true, order: { status: { code: first } } });
		expect(t.mailsSince(mark)).toEqual([]);
		const historyLength = (await shop.history(CZECH_ORDER)).length;

		const second = other(first);
		mark = t.mailMark();
		const results = await shop.updateStatuses(
			[
				{ orderId: CZECH_ORDER, status: second },
				{ orderId: CZECH_ORDER, status: second },
				{ orderId: CZECH_ORDER, status: '999' },
				{ orderId: 'ABC', status: second },
			],
			{ shopMails: true },
		);
		expect(results.map((r) => r.ok)).toEqual([true, true, false, false]);
		expect(results[2].ok === false && results[2].error.message).toMatch(/no order state "999"/);
		expect(results[3].ok === false && results[3].error.message).toMatch(/"ABC" is not a PrestaShop order id/);
		const mails = t.mailsSince(mark);
		expect(mails).toEqual([{ template: second === '3' ? 'preparation' : 'shipped', to: CZECH_EMAIL }]);
		const history = await shop.history(CZECH_ORDER);
		expect(history.length).toBe(historyLength + 1);
		expect(history[history.length - 1].state).toBe(second);
	});

	it('adds private and customer-visible messages on the order thread; PrestaShop mails nobody', async () => {
		const t = target();
		const shop = t.shop();
		const mark = t.mailMark();
		const privateNote = await shop.addNote(CZECH_ORDER, 'Interní poznámka <b>&</b>', false);
		const visible = await shop.addNote(CZECH_ORDER, 'Vaše objednávka je na cestě.', true);
		expect(Number(privateNote.noteId)).toBeGreaterThan(0);
		expect(Number(visible.noteId)).toBeGreaterThan(Number(privateNote.noteId));
		const { root } = await shop.call('GET', `customer_messages/${privateNote.noteId}`);
		const message = root.customer_message as Record<string, unknown>;
		expect(message.message).toBe('Interní poznámka <b>&</b>');
		expect(message.private).toBe('1');
		expect(((await shop.call('GET', `customer_messages/${visible.noteId}`)).root.customer_message as Record<string, unknown>).private).toBe('0');
		expect(t.mailsSince(mark)).toEqual([]);
	});

	it('sets tracking on the order carrier without moving date_upd; PrestaShop sends its in-transit mail only when asked', async () => {
		const t = target();
		const shop = t.shop();
		const before = await shop.getOrder(CZECH_ORDER);
		const number = `CZ${Date.now()}`;
		let mark = t.mailMark();
		const quiet = await shop.setTracking(CZECH_ORDER, { number }, false);
		expect(quiet.order.tracking).toEqual([{ carrier: 'Kuriér SK/CZ', number, url: `https://tracking.example.com/?parcel=${number}` }]);
		expect(quiet.order.updatedAt).toBe(before.updatedAt);
		expect(t.mailsSince(mark)).toEqual([]);
		expect((await shop.setTracking(CZECH_ORDER, { number }, true)).method).toBe('order_carrier (unchanged)');
		expect(t.mailsSince(mark)).toEqual([]);
		mark = t.mailMark();
		await shop.setTracking(CZECH_ORDER, { number: `${number}B` }, true);
		expect(t.mailsSince(mark)).toEqual([{ template: 'in_transit', to: CZECH_EMAIL }]);
		await expect(shop.setTracking(CZECH_ORDER, { number: 'ČZ-1' }, false)).rejects.toThrow(/Order 2: tracking number "ČZ-1" is not one PrestaShop accepts/);
	});

	it('derives fulfilment from the available stock, which already has every order’s units taken off', async () => {
		const fulfilment = await target().shop().deriveFulfilment(CZECH_ORDER);
		expect(fulfilment.status).toBe('ready');
		expect(fulfilment.lines).toEqual([expect.objectContaining({ sku: 'RW-BOOK', quantity: 1, inStock: true, stockStatus: 'instock' })]);
		expect(fulfilment.lines[0].stockQuantity).toBeGreaterThanOrEqual(0);
	});

	it('says which order does not exist', async () => {
		await expect(target().shop().getOrder('99999')).rejects.toThrow('PrestaShop has no order 99999');
	});
}
