import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { chooseLanguage } from '../../../lib/mail/language';
import type { Order } from '../../../lib/model';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { createContext, execute } from '../../helpers/n8n-context';
import { testStore } from '../../helpers/state';
import { startWooSimulator, type WooSimulatorOptions, type WooSimulator } from '../../simulators/woocommerce';

const node = new ShopOrder();
const line = (product_id: number, quantity: number) => ({ product_id, quantity }) as WooLineItem;

let sim: WooSimulator;
let workflowCount = 0;

async function start(options: WooSimulatorOptions = {}) {
	sim = await startWooSimulator({
		customStatuses: [{ slug: 'shipped', name: 'Shipped' }],
		seed: {
			products: [
				{ id: 11, sku: 'BEANS', name: 'Espresso beans', price: '18.90', stock_quantity: 20 },
				{ id: 12, sku: 'GRINDER', name: 'Grinder', price: '79.00', stock_quantity: 5 },
				{ id: 13, sku: 'CUPS', name: 'Cups', price: '12.00', manage_stock: true, stock_quantity: -2, stock_status: 'onbackorder', backorders: 'yes' },
			],
			orders: [
				{ id: 101, status: 'processing', line_items: [line(11, 3), line(12, 1)] },
				{ id: 102, status: 'on-hold', line_items: [line(13, 1)] },
				{ id: 103, status: 'pending', line_items: [line(11, 1)], billing: { first_name: 'Anna', email: '' } },
			],
		},
		...options,
	});
}
afterEach(async () => sim?.close());

function run(parameters: Record<string, unknown>, more: { items?: INodeExecutionData[]; continueOnFail?: boolean; staticData?: Record<string, IDataObject> } = {}) {
	return execute(node, {
		parameters: { resource: 'order', ...parameters },
		credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: 'ck_test', consumerSecret: 'cs_test', allowUnauthorizedCerts: false } },
		workflowId: `woo-order-${++workflowCount}`,
		...more,
	} as never);
}

const orderOf = (item: INodeExecutionData) => item.json.order as unknown as Order;

describe('Shop Order on WooCommerce: reading', () => {
	beforeEach(() => start());

	it('gets an order in the core model with the vendor payload', async () => {
		const { output } = await run({ operation: 'get', orderId: '101' });
		const order = orderOf(output[0][0]);
		expect(order).toMatchObject({ system: 'woocommerce', id: '101', status: { code: 'processing' }, canonicalStatus: 'processing' });
		expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['BEANS', 3], ['GRINDER', 1]]);
		expect((order.raw as IDataObject).id).toBe(101);
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('reads the exact tax rate from the tax lines and rounds the float unit price', async () => {
		// 0.83 at 20 % is taxed 0.17 (20.48 % if derived from the amounts); 59.70 / 3 is 19.900000000000002.
		const priced = (quantity: number, total: string) => ({ ...line(11, quantity), subtotal: total, total });
		sim.seed([{ id: 120, status: 'processing', line_items: [priced(1, '0.83'), priced(3, '59.70')] }]);
		const { output } = await run({ operation: 'get', orderId: '120' });
		expect(orderOf(output[0][0]).lines.map((l) => [l.unitPrice, l.taxRate])).toEqual([
			[0.83, 20],
			[19.9, 20],
		]);
	});

	it('names the order and the fix for an unknown or malformed order id', async () => {
		await expect(run({ operation: 'get', orderId: '999' })).rejects.toThrow(/Invalid ID\. \(woocommerce_rest_shop_order_invalid_id\).*order 999/);
		const { output } = await run({ operation: 'get', orderId: (i: number) => ['101', '#101', '999', ''][i] }, {
			items: [{ json: {} }, { json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(orderOf(output[0][0]).id).toBe('101');
		expect(output[0][1].json.error).toMatch(/"#101" is not a WooCommerce order id/);
		expect(output[0][2].json.error).toMatch(/HTTP 404/);
		expect(output[0][3].json.error).toMatch(/No WooCommerce order id.*fill in "Order ID"/);
		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});

	it('gets many orders by status, with a limit or all of them across pages', async () => {
		sim.seed(Array.from({ length: 120 }, () => ({ status: 'completed', line_items: [line(11, 1)] })));
		const limited = await run({ operation: 'getMany', returnAll: false, limit: 5, filters: { statuses: ['completed'] } });
		expect(limited.output[0]).toHaveLength(5);
		const all = await run({ operation: 'getMany', returnAll: true, filters: { statuses: ['completed'] } });
		expect(all.output[0]).toHaveLength(120);
		expect(all.output[0].every((item) => orderOf(item).status.code === 'completed')).toBe(true);
		const onHold = await run({ operation: 'getMany', returnAll: true, filters: { statuses: ['on-hold', 'pending'] } });
		expect(onHold.output[0].map((item) => orderOf(item).id).sort()).toEqual(['102', '103']);
	});

	it('lists the live store statuses, custom ones included, for the status dropdown', async () => {
		const context = Object.assign(
			createContext(node, {
				credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: 'ck_test', consumerSecret: 'cs_test' } },
			}),
			{ getCurrentNodeParameter: (name: string) => (name === 'shop' ? 'woocommerce' : undefined) },
		);
		const options = await node.methods.loadOptions.getStatuses.call(context as never);
		expect(options).toContainEqual({ name: 'Shipped', value: 'shipped', description: 'Custom status' });
		expect(options).toContainEqual({ name: 'On hold', value: 'on-hold', description: 'Canonical: on_hold' });
		// WooCommerce lists the checkout draft, but no order is ever moved into it.
		expect(options.map((option) => option.value)).not.toContain('checkout-draft');
	});

	it('surfaces WooCommerce error codes for bad credentials and retries a 429 with Retry-After', async () => {
		await expect(
			execute(node, {
				parameters: { operation: 'get', orderId: '101' },
				credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: 'ck_test', consumerSecret: 'wrong' } },
			}),
		).rejects.toThrow(/401.*Consumer secret is invalid\. \(woocommerce_rest_authentication_error\)/);
		sim.failNext(429, { count: 2, retryAfter: 0 });
		const { output } = await run({ operation: 'get', orderId: '101' });
		expect(orderOf(output[0][0]).id).toBe('101');
	});
});

describe('Shop Order on WooCommerce: Update Status', () => {
	beforeEach(() => start());

	it('sends 250 items in three batches and maps each result back to its item', async () => {
		const seeded = sim.seed(Array.from({ length: 250 }, () => ({ status: 'processing', line_items: [line(11, 1)] })));
		sim.resetRequestCount();
		const staticData: Record<string, IDataObject> = {};
		const { output } = await run(
			{ operation: 'updateStatus', orderId: (i: number) => String(seeded[i].id), status: 'completed' },
			{ items: seeded.map(() => ({ json: {} })), staticData },
		);
		expect(output[0]).toHaveLength(250);
		expect(output[0].every((item, i) => orderOf(item).id === String(seeded[i].id) && orderOf(item).status.code === 'completed')).toBe(true);
		expect(output[0].every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
		expect(sim.requests.filter((r) => r.path.endsWith('/orders/batch'))).toHaveLength(3);
		// A core status needs no status list: the batches are all the requests.
		// and one read of whether WooCommerce mails "Completed order" itself (Settings → Emails)
		expect(sim.requestCount).toBe(4);
		expect([...sim.orders.values()].filter((o) => o.status === 'completed')).toHaveLength(250);
		// Loop suppression: every written status is noted in the ledger.
		expect(await testStore().namespace(`wf:woo-order-${workflowCount}`).list('wrote|woocommerce|')).toHaveLength(250);
	});

	it('fails only the bad items: unknown order, status not in the store, malformed id; the rest are written', async () => {
		const ids = ['101', '999', '102', 'abc', '103'];
		const statuses = ['completed', 'completed', 'teleported', 'completed', 'shipped'];
		const staticData: Record<string, IDataObject> = {};
		const { output } = await run(
			{ operation: 'updateStatus', orderId: (i: number) => ids[i], status: (i: number) => statuses[i] },
			{ items: ids.map(() => ({ json: {} })), continueOnFail: true, staticData },
		);
		expect(orderOf(output[0][0]).status.code).toBe('completed');
		expect(output[0][1].json.error).toMatch(/Order 999: Invalid ID\. \(woocommerce_rest_shop_order_invalid_id\)/);
		expect(output[0][2].json.error).toMatch(/no order status "teleported".*completed \(Completed\).*shipped \(Shipped\)/);
		expect(output[0][3].json.error).toMatch(/"abc" is not a WooCommerce order id/);
		expect(orderOf(output[0][4]).status.code).toBe('shipped');
		expect(output[0].map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(sim.orders.get(101)!.status).toBe('completed');
		expect(sim.orders.get(102)!.status).toBe('on-hold');
		const wrote = (await testStore().namespace(`wf:woo-order-${workflowCount}`).list('wrote|')).map((r) => r.key);
		expect(wrote.sort()).toEqual(['wrote|woocommerce|101|completed', 'wrote|woocommerce|103|shipped']);
	});

	it('refuses the checkout draft as a target status and writes nothing for that item', async () => {
		const { output } = await run({ operation: 'updateStatus', orderId: '101', status: 'checkout-draft' }, { continueOnFail: true });
		expect(output[0][0].json.error).toMatch(/"checkout-draft" is the draft of a checkout.*choose another status/);
		expect(sim.orders.get(101)!.status).toBe('processing');
		expect(sim.requests.filter((r) => r.path.endsWith('/orders/batch'))).toHaveLength(0);
	});

	it('without Continue On Fail, throws for the first bad item after writing the good ones', async () => {
		const ids = ['101', '999'];
		await expect(
			run({ operation: 'updateStatus', orderId: (i: number) => ids[i], status: 'completed' }, { items: [{ json: {} }, { json: {} }] }),
		).rejects.toThrow(/order 999/);
		expect(sim.orders.get(101)!.status).toBe('completed');
	});

	it('a whole failed batch fails its items with the vendor error', async () => {
		sim.failNext(500, { path: '/orders/batch' });
		const { output } = await run({ operation: 'updateStatus', orderId: '101', status: 'completed' }, { continueOnFail: true });
		expect(output[0][0].json.error).toMatch(/HTTP 500/);
		expect(sim.orders.get(101)!.status).toBe('processing');
	});
});

describe('Shop Order on WooCommerce: notes, tracking, confirmation, invoice', () => {
	it('adds a customer note (mailed by the shop) and an internal one', async () => {
		await start();
		await run({ operation: 'addNote', orderId: '101', note: 'Packed today', noteFor: 'customer' });
		await run({ operation: 'addNote', orderId: '101', note: 'Check the address', noteFor: 'internal' });
		expect(sim.notes.get(101)!.map((n) => [n.note, n.customer_note])).toEqual([
			['Packed today', true],
			['Check the address', false],
		]);
		expect(sim.emails.filter((e) => e.kind === 'customer_note')).toHaveLength(1);
		await expect(run({ operation: 'addNote', orderId: '101', note: ' ' })).rejects.toThrow(/note for order 101 is empty/);
	});

	it('sets tracking through the Shipment Tracking endpoint when the store has it', async () => {
		await start();
		const { output } = await run({ operation: 'setTracking', orderId: '101', carrier: 'DPD', trackingNumber: '123456', trackingUrl: 'https://track.example/123456' });
		expect(output[0][0].json.tracking).toMatchObject({ method: 'shipmentTracking', number: '123456' });
		expect(orderOf(output[0][0]).tracking).toEqual([{ carrier: 'DPD', number: '123456', url: 'https://track.example/123456' }]);
	});

	it('without the plugin, keeps tracking in order meta and tells the customer in a note', async () => {
		await start({ shipmentTracking: false });
		const { output } = await run({ operation: 'setTracking', orderId: '101', carrier: 'GLS', trackingNumber: 'GLS-9', trackingUrl: '', notifyCustomer: true });
		expect(output[0][0].json.tracking).toMatchObject({ method: 'noteAndMeta' });
		expect(orderOf(output[0][0]).tracking).toEqual([{ carrier: 'GLS', number: 'GLS-9' }]);
		// The customer is in Slovakia: the note (mailed by WooCommerce) is in Slovak.
		expect(sim.notes.get(101)![0]).toMatchObject({ customer_note: true, note: 'Vaša objednávka bola odoslaná (GLS). Číslo zásielky: GLS-9' });
		await expect(run({ operation: 'setTracking', orderId: '101', trackingNumber: '' })).rejects.toThrow(/No tracking number for order 101/);
	});

	it('without the plugin, a repeat tells the customer nothing new and keeps the saved link; a new link is told once', async () => {
		await start({ shipmentTracking: false });
		sim.seed([{ id: 130, status: 'processing', billing: { first_name: 'Petr', email: 'petr@example.cz', country: 'CZ' }, line_items: [line(11, 1)] }]);
		const set = (trackingUrl: string) => run({ operation: 'setTracking', orderId: '130', carrier: 'PPL', trackingNumber: 'PPL-1', trackingUrl, notifyCustomer: true });
		await set('https://track.example/PPL-1');
		const { output } = await set('');
		expect(orderOf(output[0][0]).tracking).toEqual([{ carrier: 'PPL', number: 'PPL-1', url: 'https://track.example/PPL-1' }]);
		await set('https://track.example/v2/PPL-1');
		expect(sim.notes.get(130)!.map((n) => n.note)).toEqual([
			'Vaše objednávka byla odeslána (PPL). Číslo zásilky: PPL-1\nhttps://track.example/PPL-1',
			'Vaše objednávka byla odeslána (PPL). Číslo zásilky: PPL-1\nhttps://track.example/v2/PPL-1',
		]);
		expect(sim.emails.filter((e) => e.kind === 'customer_note' && e.orderId === 130)).toHaveLength(2);
	});

	it('resends the confirmation through the order actions endpoint, and says when the store is too old', async () => {
		await start();
		const { output } = await run({ operation: 'resendConfirmation', orderId: '101' });
		expect(output[0][0].json.confirmation).toEqual({ sent: true, message: 'Order details sent to jana@example.com, via email.' });
		expect(sim.emails).toContainEqual({ to: 'jana@example.com', kind: 'send_order_details', orderId: 101 });
		await expect(run({ operation: 'resendConfirmation', orderId: '103' })).rejects.toThrow(/does not have an email address/);
		await sim.close();
		await start({ orderActions: false });
		await expect(run({ operation: 'resendConfirmation', orderId: '101' })).rejects.toThrow(/needs WooCommerce 9\.8 or newer/);
	});

	it('Upload Invoice PDF says WooCommerce has no endpoint, and sends a customer note with the link when given one', async () => {
		await start();
		await expect(run({ operation: 'uploadInvoice', orderId: '101' })).rejects.toThrow(/WooCommerce has no endpoint to attach an invoice PDF to order 101/);
		const { output } = await run({ operation: 'uploadInvoice', orderId: '101', invoiceUrl: 'https://erp.example/inv/7.pdf' });
		expect(output[0][0].json.invoice).toMatchObject({ method: 'customerNote', url: 'https://erp.example/inv/7.pdf' });
		expect(sim.notes.get(101)![0]).toMatchObject({ customer_note: true, note: 'Your invoice is ready: https://erp.example/inv/7.pdf' });
		await expect(run({ operation: 'uploadInvoice', orderId: '101', invoiceUrl: 'ftp://x' })).rejects.toThrow(/not a web address/);
	});
});

describe('Shop Order on WooCommerce: lines, split, fulfilment', () => {
	beforeEach(() => start());

	it('adds a product by SKU, changes a quantity, removes a line; the shop recalculates the totals', async () => {
		const { output } = await run({
			operation: 'updateLines',
			orderId: '101',
			lineChanges: {
				change: [
					{ action: 'add', productBy: 'sku', product: 'CUPS', quantity: 2 },
					{ action: 'setQuantity', productBy: 'sku', product: 'BEANS', quantity: 1 },
					{ action: 'remove', productBy: 'productId', product: '12', quantity: 0 },
				],
			},
		});
		const order = orderOf(output[0][0]);
		expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['BEANS', 1], ['CUPS', 2]]);
		// 18.90 + 2 × 12.00 = 42.90 net, 20 % tax
		expect(order.totals).toMatchObject({ net: 42.9, gross: 51.48 });
	});

	it('refuses an unknown SKU and a line the order does not have, naming them', async () => {
		await expect(
			run({ operation: 'updateLines', orderId: '101', lineChanges: { change: [{ action: 'add', productBy: 'sku', product: 'NOPE', quantity: 1 }] } }),
		).rejects.toThrow(/No product with SKU "NOPE" in the store.*order 101/);
		await expect(
			run({ operation: 'updateLines', orderId: '101', lineChanges: { change: [{ action: 'remove', productBy: 'sku', product: 'CUPS' }] } }),
		).rejects.toThrow(/Order 101 has no line with SKU "CUPS"/);
		await expect(
			run({ operation: 'updateLines', orderId: '101', lineChanges: { change: [{ action: 'add', productBy: 'productId', product: '777', quantity: 1 }] } }),
		).rejects.toThrow(/No product with id 777/);
	});

	it("applies an ERP edit: an 'edited' event's line diff", async () => {
		const lineDiff = {
			added: [{ sku: 'CUPS', name: 'Cups', quantity: 4 }],
			removed: [{ sku: 'GRINDER', name: 'Grinder', quantity: 1 }],
			changed: [{ key: 'sku:beans', sku: 'BEANS', name: 'Espresso beans', quantityBefore: 3, quantityAfter: 2 }],
		};
		const { output } = await run({ operation: 'updateLines', orderId: '101', linesSource: 'lineDiff', lineDiff }, { items: [{ json: { kind: 'edited', lineDiff } }] });
		expect(orderOf(output[0][0]).lines.map((l) => [l.sku, l.quantity])).toEqual([['BEANS', 2], ['CUPS', 4]]);
		await expect(run({ operation: 'updateLines', orderId: '101', linesSource: 'lineDiff', lineDiff: '' })).rejects.toThrow(/No line diff for order 101/);
	});

	it('splits chosen lines into a new order linked both ways, once', async () => {
		const staticData: Record<string, IDataObject> = {};
		const parameters = {
			operation: 'splitOrder',
			orderId: '101',
			linesToMove: { line: [{ lineBy: 'sku', line: 'BEANS', quantity: 2 }, { lineBy: 'sku', line: 'GRINDER', quantity: 0 }] },
		};
		const { output } = await run(parameters, { staticData });
		const original = orderOf(output[0][0]);
		const created = output[0][0].json.createdOrder as unknown as Order;
		expect(original.lines.map((l) => [l.sku, l.quantity])).toEqual([['BEANS', 1]]);
		expect(created.lines.map((l) => [l.sku, l.quantity])).toEqual([['BEANS', 2], ['GRINDER', 1]]);
		expect(created.customer.email).toBe('jana@example.com');
		expect(created.status.code).toBe('processing');
		const meta = (id: number, key: string) => sim.orders.get(id)!.meta_data!.find((m) => m.key === key)?.value;
		expect(meta(101, '_order_sync_split_to')).toBe(created.id);
		expect(meta(Number(created.id), '_order_sync_split_from')).toBe('101');
		expect(sim.notes.get(Number(created.id))![0].note).toBe('Split from order #101.');
		const ordersBefore = sim.orders.size;
		const again = await run(parameters, { staticData });
		expect(again.output[0][0].json.alreadySplit).toBe(true);
		expect(sim.orders.size).toBe(ordersBefore);
		await expect(
			run({ operation: 'splitOrder', orderId: '102', linesToMove: { line: [{ lineBy: 'sku', line: 'CUPS', quantity: 0 }] } }),
		).rejects.toThrow(/would leave order 102 empty/);
	});

	it('a split mails nobody, keeps the paid date and the taxes: the two orders add up to the original', async () => {
		sim.seed([{ id: 105, status: 'processing', date_paid_gmt: '2026-11-02T09:15:00', transaction_id: 'tx-105', line_items: [line(11, 3), line(12, 1)] }]);
		const before = sim.orders.get(105)!;
		const { output } = await run({ operation: 'splitOrder', orderId: '105', linesToMove: { line: [{ lineBy: 'sku', line: 'BEANS', quantity: 1 }] } });
		const created = sim.orders.get(Number((output[0][0].json.createdOrder as unknown as Order).id))!;
		const after = sim.orders.get(105)!;
		expect(sim.emails).toEqual([]);
		expect(created).toMatchObject({ status: 'processing', date_paid_gmt: '2026-11-02T09:15:00', transaction_id: 'tx-105' });
		const sum = (field: 'total' | 'total_tax') => Number(after[field]) + Number(created[field]);
		expect([sum('total'), sum('total_tax')].map((n) => n.toFixed(2))).toEqual([before.total, before.total_tax]);
		expect([...sim.orders.values()].filter((order) => order.status === 'checkout-draft')).toEqual([]);
	});

	it('a split or line edit of an order taxed under an older tax table is refused and changes nothing', async () => {
		sim.taxRate = 0.23;
		const before = JSON.stringify(sim.orders.get(101));
		const orderCount = sim.orders.size;
		await expect(
			run({ operation: 'splitOrder', orderId: '101', linesToMove: { line: [{ lineBy: 'sku', line: 'GRINDER', quantity: 0 }] } }),
		).rejects.toThrow(/Order 101 was taxed under another tax table.*"Grinder" 15.80 when ordered, 18.17 now/);
		await expect(
			run({ operation: 'updateLines', orderId: '101', lineChanges: { change: [{ action: 'setQuantity', productBy: 'sku', product: 'BEANS', quantity: 1 }] } }),
		).rejects.toThrow(/WooCommerce re-taxes the whole order/);
		const lineDiff = { added: [], removed: [{ sku: 'GRINDER', name: 'Grinder', quantity: 1 }], changed: [] };
		await expect(run({ operation: 'updateLines', orderId: '101', linesSource: 'lineDiff', lineDiff }, { items: [{ json: { kind: 'edited', lineDiff } }] })).rejects.toThrow(
			/taxed under another tax table/,
		);
		expect(JSON.stringify(sim.orders.get(101))).toBe(before);
		expect(sim.orders.size).toBe(orderCount);
		expect(sim.emails).toEqual([]);
	});

	it('a split mails as a new order only when WooCommerce Mails is on; a completed order is not split silently', async () => {
		const { output } = await run({ operation: 'splitOrder', orderId: '101', shopMails: true, linesToMove: { line: [{ lineBy: 'sku', line: 'GRINDER', quantity: 0 }] } });
		const createdId = Number((output[0][0].json.createdOrder as unknown as Order).id);
		expect(sim.emails.map((mail) => [mail.kind, mail.orderId])).toEqual([
			['new_order', createdId],
			['customer_processing_order', createdId],
		]);
		sim.seed([{ id: 106, status: 'completed', line_items: [line(11, 1), line(12, 1)] }]);
		await expect(run({ operation: 'splitOrder', orderId: '106', linesToMove: { line: [{ lineBy: 'sku', line: 'GRINDER', quantity: 0 }] } })).rejects.toThrow(
			/Order 106 is completed: WooCommerce mails the customer/,
		);
	});

	it("the split-off order keeps the customer's language (meta) and country, not the original's ids in other systems", async () => {
		sim.seed([
			{
				id: 104,
				status: 'processing',
				line_items: [line(11, 2), line(12, 1)],
				billing: { first_name: 'Petr', last_name: 'Dvořák', email: 'petr@example.cz', country: 'SK', city: 'Košice' },
				shipping: { first_name: 'Petr', last_name: 'Dvořák', country: 'SK', city: 'Košice' },
				meta_data: [
					{ key: 'wpml_language', value: 'cs' },
					{ key: '_order_sync_pohoda_id', value: '77' },
					{ key: '_payment_fingerprint', value: 'x1' },
				],
			},
		]);
		const { output } = await run({ operation: 'splitOrder', orderId: '104', linesToMove: { line: [{ lineBy: 'sku', line: 'GRINDER', quantity: 0 }] } });
		const created = output[0][0].json.createdOrder as unknown as Order;
		const stored = sim.orders.get(Number(created.id))!;
		expect(stored.meta_data!.find((m) => m.key === 'wpml_language')?.value).toBe('cs');
		expect(stored.meta_data!.map((m) => m.key)).not.toContain('_order_sync_pohoda_id');
		expect(stored.meta_data!.map((m) => m.key)).not.toContain('_payment_fingerprint');
		expect(created.customer).toMatchObject({ language: 'cs', country: 'SK' });
		expect(created.externalIds.pohoda).toBeUndefined();
		expect(chooseLanguage(created, 'en')).toEqual({ language: 'cs', source: 'customer' });
	});

	it('moves every line a comma-separated entry names', async () => {
		const { output } = await run({ operation: 'splitOrder', orderId: '101', linesToMove: { line: [{ lineBy: 'sku', line: 'BEANS, GRINDER,', quantity: 1 }] } });
		expect(orderOf(output[0][0]).lines.map((l) => [l.sku, l.quantity])).toEqual([['BEANS', 2]]);
		expect((output[0][0].json.createdOrder as unknown as Order).lines.map((l) => [l.sku, l.quantity])).toEqual([['BEANS', 1], ['GRINDER', 1]]);
	});

	it('an oversold product makes the latest orders backordered, not earlier ones, whatever language the admin has', async () => {
		await sim.close();
		await start({ backorderedMetaKey: 'Na objednávku' });
		sim.seed([], [{ id: 14, sku: 'CAP', name: 'Cap', price: '9.00', stock_quantity: 2, backorders: 'notify' }]);
		const place = async (quantity: number) => String((await sim.createOrder({ status: 'processing', line_items: [line(14, quantity)] })).order.id);
		const orders = [await place(2), await place(1), await place(1)];
		const statuses = async () => {
			const derived = [];
			for (const orderId of orders) derived.push((await run({ operation: 'deriveFulfilment', orderId })).output[0][0].json.fulfilment as IDataObject);
			return derived.map((fulfilment) => fulfilment.status);
		};
		expect(sim.products.get(14)!.stock_quantity).toBe(-2);
		expect(await statuses()).toEqual(['ready', 'backordered', 'backordered']);
		// A delivery of 3 covers the two short units: the meta the checkout wrote on oversold lines is history.
		sim.products.get(14)!.stock_quantity = 1;
		expect(await statuses()).toEqual(['ready', 'ready', 'ready']);
		expect(sim.orders.get(Number(orders[2]))!.line_items[0].meta_data!.map((m) => m.key)).toContain('Na objednávku');
	});

	it('derives Ready when every line is in stock and Backordered when one is not', async () => {
		const ready = await run({ operation: 'deriveFulfilment', orderId: '101' });
		expect(ready.output[0][0].json.fulfilment).toMatchObject({ status: 'ready' });
		const backordered = await run({ operation: 'deriveFulfilment', orderId: '102' });
		expect(backordered.output[0][0].json.fulfilment).toMatchObject({
			status: 'backordered',
			lines: [{ sku: 'CUPS', inStock: false, stockStatus: 'onbackorder', stockQuantity: -2 }],
		});
	});
});
