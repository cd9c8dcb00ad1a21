/**
 * An ERP's price edit reaches the shop: the ERP changes a line's price, Get Changes (or Detect Changes) reports it
 * in the line diff, Shop Order applies it to WooCommerce, and the customer's "order edited" mail, the shop and the
 * ERP name the same price and total. Over the POHODA and WooCommerce simulators and a real SMTP server.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { LineDiff, Order } from '../../../lib/model';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { execute } from '../../helpers/n8n-context';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { startPohodaSimulator, type PohodaSimulator } from '../../simulators/pohoda';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

let pohoda: PohodaSimulator | undefined;
let woo: WooSimulator;
let sink: SmtpSink;
afterEach(async () => {
	await Promise.all([pohoda?.close(), woo?.close(), sink?.close()]);
	pohoda = undefined;
});

const CUSTOMER = { email: 'jana@example.cz', country: 'CZ' };

/** A Czech shop taxing 21 %: tea at 100.00 before tax, two of them in order 601 (242.00 with tax); a kettle. */
async function startShop(currency = 'CZK') {
	woo = await startWooSimulator({
		taxRate: 0.21,
		seed: {
			products: [
				{ id: 31, sku: 'CAJ-01', name: 'Čaj zelený', price: '100.00', stock_quantity: 50 },
				{ id: 32, sku: 'KONVICE', name: 'Konvice', price: '500.00', stock_quantity: 5 },
			],
			orders: [
				{
					id: 601,
					status: 'processing',
					currency,
					line_items: [{ product_id: 31, quantity: 2 } as WooLineItem],
					billing: { first_name: 'Jana', last_name: 'Nováková', ...CUSTOMER },
				},
			],
		},
	});
	sink = await startSmtpSink({ auth: { user: 'shop', pass: 'secret' } });
}

function credentials() {
	return {
		orderSyncPohodaApi: pohoda ? { url: pohoda.url, username: 'admin', password: 'heslo', ico: pohoda.ico, application: 'jest' } : {},
		orderSyncWooCommerceApi: { url: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret },
		orderSyncSmtpApi: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'shop', password: 'secret', fromEmail: 'obchod@shop.example', fromName: 'Čajovna' },
	};
}

let workflow = 0;
beforeEach(() => workflow++);

async function run(node: ErpOrderStatus | ShopOrder | NotifyCustomer, parameters: Record<string, unknown>, items: INodeExecutionData[], staticData: Record<string, IDataObject>) {
	const { output } = await execute(node, { parameters, items, staticData, credentials: credentials(), workflowId: `price-edit-${workflow}` } as never);
	return output[0];
}

/** Shop Order → Update Lines with the event's line diff, as the POHODA → WooCommerce template does. */
const applyErpEdits = (events: INodeExecutionData[], staticData: Record<string, IDataObject>) =>
	run(
		new ShopOrder(),
		{
			shop: 'woocommerce',
			resource: 'order',
			operation: 'updateLines',
			orderId: (i: number) => (events[i].json.order as unknown as Order).externalIds.shop,
			linesSource: 'lineDiff',
			lineDiff: (i: number) => events[i].json.lineDiff,
		},
		events,
		staticData,
	);

const mailEdits = (events: INodeExecutionData[], staticData: Record<string, IDataObject>) =>
	run(new NotifyCustomer(), { operation: 'sendNotification', event: 'order_edited', fallbackLanguage: 'en', notificationsEnabled: true }, events, staticData);

/** Text with every kind of space as a plain one (amounts are formatted with no-break spaces) */
const plain = (text: string | false | undefined) => String(text).replace(/\s+/g, ' ');
const czk = (amount: number) => plain(new Intl.NumberFormat('cs-CZ', { style: 'currency', currency: 'CZK' }).format(amount));
/** An amount in a Czech mail of an order without a currency (generic ERP rows name none) */
const amount = (value: number) => plain(new Intl.NumberFormat('cs-CZ', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value));
const wooLine = () => woo.orders.get(601)!.line_items[0];

/**
 * Shop order 601 and its POHODA record, seen by Get Changes: a first run (it remembers now), then the order. POHODA
 * keeps the price with VAT (ord:payVAT): 121.00 is the shop's 100.00 plus 21 %.
 */
async function orderSeenInPohoda(currency = 'CZK') {
	await startShop(currency);
	const sim = await startPohodaSimulator();
	pohoda = sim;
	const staticData: Record<string, IDataObject> = {};
	const getChanges = () => run(new ErpOrderStatus(), { erp: 'pohoda', operation: 'getChanges', externalSystem: 'woocommerce', startFrom: 'now' }, [{ json: {} }], staticData);
	const first = await getChanges();
	const [received] = sim.seed([
		{ extId: { ids: '601', exSystemName: 'woocommerce' }, partner: { name: 'Jana Nováková', ...CUSTOMER }, lines: [{ text: 'Čaj zelený', code: 'CAJ-01', quantity: 2, unitPrice: 121 }] },
	]);
	const created = await getChanges();
	return { sim, staticData, getChanges, received, first, created };
}

describe('an ERP price edit reaches WooCommerce, and the mail and the shop agree', () => {
	it('POHODA: a price-only edit → Get Changes → Apply ERP Edits → Notify Customer', async () => {
		const { sim, staticData, getChanges, received, first, created } = await orderSeenInPohoda();
		expect(first).toEqual([]); // remembers now
		expect(created.map((item) => item.json.kind)).toEqual(['created']);

		sim.editLine(received.id, 0, { unitPrice: 99.9 });
		const events = await getChanges();
		expect(events.map((item) => item.json.kind)).toEqual(['edited']);
		const diff = events[0].json.lineDiff as unknown as LineDiff;
		expect(diff).toMatchObject({ currency: 'CZK', pricesIncludeTax: true, added: [], removed: [] });
		expect(diff.changed).toEqual([expect.objectContaining({ sku: 'CAJ-01', unitPriceBefore: 121, unitPriceAfter: 99.9 })]);
		expect(diff.changed[0].quantityAfter).toBeUndefined();

		const [applied] = await applyErpEdits(events, staticData);
		const shopOrder = applied.json.order as unknown as Order;
		const line = wooLine();
		expect(line.quantity).toBe(2);
		// The line's price with the shop's tax is POHODA's; the order total is POHODA's total.
		const pohodaOrder = events[0].json.order as unknown as Order;
		const pohodaLine = pohodaOrder.lines[0];
		expect(Number(line.total) + Number(line.total_tax)).toBeCloseTo(pohodaLine.total as number, 2);
		expect(Number(woo.orders.get(601)!.total)).toBeCloseTo(pohodaOrder.totals!.gross as number, 2);
		expect(shopOrder.totals?.gross).toBeCloseTo(pohodaOrder.totals!.gross as number, 2);

		await mailEdits(events, staticData);
		const [mail] = await sink.waitFor(1);
		expect(mail.envelope.to).toEqual([CUSTOMER.email]);
		expect(plain(mail.text)).toContain(`${czk(diff.changed[0].unitPriceBefore!)} → ${czk(pohodaLine.unitPrice!)}`);
		expect(plain(mail.text)).toContain(czk(Number(woo.orders.get(601)!.total)));
	});

	it('POHODA: a line added at its own price gets that price in the shop, not the product’s', async () => {
		const { sim, staticData, getChanges, received } = await orderSeenInPohoda();
		sim.editLine(received.id, 1, { text: 'Konvice', code: 'KONVICE', quantity: 1, unitPrice: 363 });
		const events = await getChanges();
		expect((events[0].json.lineDiff as unknown as LineDiff).added).toEqual([expect.objectContaining({ sku: 'KONVICE', unitPrice: 363 })]);

		await applyErpEdits(events, staticData);
		const added = woo.orders.get(601)!.line_items.find((item) => item.sku === 'KONVICE')!;
		expect(Number(added.total) + Number(added.total_tax)).toBeCloseTo(363, 2);
		expect(Number(woo.orders.get(601)!.total)).toBeCloseTo((events[0].json.order as unknown as Order).totals!.gross as number, 2);
	});

	it('POHODA: a price in another currency than the shop order’s is refused, naming the order and both currencies', async () => {
		const { sim, staticData, getChanges, received } = await orderSeenInPohoda('EUR');
		sim.editLine(received.id, 0, { unitPrice: 99.9 });
		const events = await getChanges();
		const before = wooLine().total;
		await expect(applyErpEdits(events, staticData)).rejects.toThrow(/Order 601, SKU "CAJ-01": the new price 99.9 is in CZK, the order in EUR/);
		expect(wooLine().total).toBe(before);
	});

	it('generic ERP rows: a price-only edit in the Lines field → Detect Changes → Apply ERP Edits → Notify Customer', async () => {
		await startShop();
		const staticData: Record<string, IDataObject> = {};
		const row = (unitPrice: number, updatedAt: string): INodeExecutionData => ({
			json: { id: 'ZK/7/2026', shopOrderId: '601', status: 'W realizacji', updatedAt, email: CUSTOMER.email, country: 'CZ', lines: [{ sku: 'CAJ-01', name: 'Čaj zelený', quantity: 2, unitPrice }] },
		});
		const detect = (rows: INodeExecutionData[]) =>
			run(
				new ErpOrderStatus(),
				{
					erp: 'generic',
					operation: 'detectChanges',
					system: 'optima',
					fields: { mapping: { orderId: 'id', shopOrderId: 'shopOrderId', status: 'status', updatedAt: 'updatedAt', email: 'email', country: 'country', lines: 'lines' } },
					linePricesIncludeTax: true,
				},
				rows,
				staticData,
			);
		expect((await detect([row(121, '2026-12-01T10:00:00')])).map((item) => item.json.kind)).toEqual(['created']);
		const events = await detect([row(99.9, '2026-12-01T11:00:00')]);
		expect(events.map((item) => item.json.kind)).toEqual(['edited']);
		expect(events[0].json.lineDiff).toMatchObject({ pricesIncludeTax: true, changed: [{ sku: 'CAJ-01', unitPriceBefore: 121, unitPriceAfter: 99.9 }] });

		await applyErpEdits(events, staticData);
		const line = wooLine();
		expect(line.quantity).toBe(2);
		expect(Number(line.total) + Number(line.total_tax)).toBeCloseTo(99.9 * 2, 2);

		await mailEdits(events, staticData);
		const [mail] = await sink.waitFor(1);
		expect(plain(mail.text)).toContain(`${amount(121)} → ${amount(99.9)}`);
		// The generic row has no order total: the mail adds up its lines, which the shop now charges too.
		expect(plain(mail.text)).toContain(amount(Number(woo.orders.get(601)!.total)));
	});
});
