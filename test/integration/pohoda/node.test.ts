import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { workflowLedger } from '../../helpers/state';
import { pohodaMinus } from '../../../lib/connectors/pohoda';
import type { Order } from '../../../lib/model';
import { execute } from '../../helpers/n8n-context';
import { credentialTestContext } from '../../helpers/pohoda-context';
import { startPohodaSimulator, type PohodaSimulator, type SimLine } from '../../simulators/pohoda';
import { credentialsFor } from './support';

const node = new ErpOrderStatus();

let sim: PohodaSimulator;
beforeEach(async () => {
	sim = await startPohodaSimulator();
});
afterEach(() => sim.close());

const credentials = () => ({ orderSyncPohodaApi: credentialsFor(sim) });

// Each test is its own workflow: the ledger shares writes per workflow id within the process.
let workflowId = '';
beforeEach(() => {
	workflowId = `wf-${expect.getState().currentTestName}`;
});

interface RunOptions {
	items?: INodeExecutionData[];
	staticData?: Record<string, IDataObject>;
	continueOnFail?: boolean;
	workflowId?: string;
}

async function run(parameters: Record<string, unknown>, options: RunOptions = {}) {
	const { output } = await execute(node, { parameters, credentials: credentials(), workflowId, ...options });
	return output[0];
}

const poll = (staticData: Record<string, IDataObject>, extra: Record<string, unknown> = {}, continueOnFail = false, options: RunOptions = {}) =>
	run({ erp: 'pohoda', operation: 'getChanges', ...extra }, { staticData, continueOnFail, ...options });

const kinds = (items: INodeExecutionData[]) => items.map((i) => `${i.json.kind}:${(i.json.order as Order).id}`);

const shopOrder = (id: string): Order => ({
	system: 'woocommerce',
	id,
	number: id,
	externalIds: { woocommerce: id },
	status: { code: 'processing' },
	customer: { email: `zakaznik${id}@example.cz`, name: 'Petr Černý' },
	lines: [
		{ name: 'Mýdlo levandule', sku: 'MYDLO-L', quantity: 2, unitPrice: 59 },
		{ name: 'Šampon', sku: 'SAMPON', quantity: 1, unitPrice: 129 },
	],
});

// Every test has a store of its own (see n8n-context); the static data no longer holds the ledger.
const ledgerOf = (_staticData: Record<string, IDataObject>) => workflowLedger(workflowId);
const source = () => `pohoda|${sim.url}|${sim.ico}|receivedOrder`;
const watermark = (staticData: Record<string, IDataObject>) => ledgerOf(staticData).watermark(source());

describe('Get Changes', () => {
	it('reports created, edited (with the line diff), completed and cancelled; repeats and restarts replay nothing', async () => {
		const staticData: Record<string, IDataObject> = {};
		const [old] = sim.seed([{ date: '2026-01-05', partner: { name: 'Stará', email: 'stara@example.cz' }, lines: [{ text: 'x', quantity: 1 }] }]);

		expect(await poll(staticData)).toEqual([]); // start from now: remembers the time only
		expect(await watermark(staticData)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

		const input = [{ json: { order: shopOrder('W-77') as unknown as IDataObject } }];
		const imported = await run({ erp: 'pohoda', operation: 'importOrder', order: (i: number) => input[i].json.order, shopOrderId: 'W-77' }, { items: input, staticData });
		const id = Number((imported[0].json.pohoda as IDataObject).id);

		const created = await poll(staticData);
		expect(kinds(created)).toEqual([`created:${id}`]);
		expect(created[0]).toMatchObject({
			json: { system: 'pohoda', newStatus: { code: 'new' }, order: { externalIds: { shop: 'W-77' }, customer: { email: 'zakaznikW-77@example.cz' } } },
			pairedItem: { item: 0 },
		});

		sim.editLine(id, 0, { quantity: 5 });
		sim.editLine(id, 2, { text: 'Kartáč', code: 'KARTAC', quantity: 1, unitPrice: 89 } as SimLine);
		const edited = await poll(staticData);
		expect(kinds(edited)).toEqual([`edited:${id}`]);
		expect(edited[0].json.lineDiff).toMatchObject({
			added: [{ sku: 'KARTAC', quantity: 1 }],
			removed: [],
			changed: [{ sku: 'MYDLO-L', quantityBefore: 2, quantityAfter: 5 }],
		});

		expect(await poll(staticData)).toEqual([]); // the overlap window lists the order again; the ledger drops it

		sim.setExecuted(id);
		sim.cancel(old.id);
		const done = await poll(staticData);
		expect(kinds(done)).toEqual([`cancelled:${old.id}`, `completed:${id}`]);
		expect(done[1].json).toMatchObject({ previousStatus: { code: 'new' }, newStatus: { code: 'executed', label: 'Vyřízeno' }, order: { canonicalStatus: 'completed' } });

		// A later execution gets a stale copy of the static data (n8n copies it per execution): the store decides.
		const staleCopy: Record<string, IDataObject> = {};
		expect(await poll(staleCopy)).toEqual([]);
		sim.editLine(id, 1, { unitPrice: 99 });
		expect(kinds(await poll(staleCopy))).toEqual([`edited:${id}`]);
	});

	it('start from a date reports what changed since then', async () => {
		sim.seed([{ partner: { name: 'A' }, lines: [{ text: 'a', quantity: 1 }] }, { partner: { name: 'B' }, lines: [] }]);
		const items = await poll({}, { startFrom: 'date', startDate: new Date(Date.now() - 3_600_000).toISOString() });
		expect(kinds(items)).toEqual(['created:1', 'created:2']);
	});

	it('a change made while a poll pages through the list is reported by the next poll', async () => {
		const staticData: Record<string, IDataObject> = {};
		await poll(staticData);
		sim.seed(Array.from({ length: 5 }, (_, i) => ({ partner: { name: `Z${i}` }, lines: [{ text: 'čaj', quantity: 1 }] })));
		let edited = false;
		sim.onList((request) => {
			// While the second page is being answered, order 1 (already read on page one) changes.
			if (!edited && JSON.stringify(request).includes('"idFrom":"3"')) {
				edited = true;
				sim.editLine(1, 0, { quantity: 9 });
			}
		});
		const options = { changeOptions: { pageSize: 2, overlapMinutes: 0 } };
		const first = await poll(staticData, options);
		expect(edited).toBe(true);
		expect(kinds(first)).toEqual(['created:1', 'created:2', 'created:3', 'created:4', 'created:5']);
		expect((first[0].json.order as Order).lines[0].quantity).toBe(1);
		const next = await poll(staticData, options);
		expect(kinds(next)).toEqual(['edited:1']);
		expect(next[0].json.lineDiff).toMatchObject({ changed: [{ quantityBefore: 1, quantityAfter: 9 }] });
	});

	it('an order that cannot be read keeps the watermark and the snapshots where they were', async () => {
		const staticData: Record<string, IDataObject> = {};
		await poll(staticData);
		const before = pohodaMinus((await watermark(staticData))!, 1);
		await ledgerOf(staticData).setWatermark(source(), before);
		sim.seed([{ partner: { name: 'OK' }, lines: [{ text: 'a', quantity: 1 }] }]);
		const [broken] = sim.seed([{ partner: { name: 'Vadná' }, lines: [{ text: 'b', quantity: 'dvě' as unknown as number }] }]);

		await expect(poll(staticData)).rejects.toThrow(/1 order\(s\) that could not be read: order 2: .*quantity "dvě" is not a number/);
		expect(await watermark(staticData)).toBe(before);

		const partial = await poll(staticData, {}, true);
		expect(kinds(partial.filter((i) => i.json.kind))).toEqual(['created:1']);
		expect(partial.find((i) => i.json.error)).toMatchObject({ json: { orderId: '2' }, pairedItem: { item: 0 } });
		expect(await watermark(staticData)).toBe(before);

		sim.editLine(broken.id, 0, { quantity: 2 });
		expect(kinds(await poll(staticData))).toEqual(['created:2']);
		expect(await watermark(staticData)).not.toBe(before);
	});

	it('names a bad time zone option', async () => {
		await expect(poll({}, { changeOptions: { timeZone: 'Europe/Brno' } })).rejects.toThrow(/"Europe\/Brno" is not a time zone/);
	});

	it('turns mServer failures into clear node errors, or an error item with continueOnFail', async () => {
		const staticData: Record<string, IDataObject> = {};
		await poll(staticData);
		sim.failNext('html');
		await expect(poll(staticData)).rejects.toThrow(/HTML page instead of XML/);
		sim.failNext('401');
		const items = await poll(staticData, {}, true);
		expect(items).toEqual([{ json: { error: expect.stringMatching(/401.*User Name and Password/) }, pairedItem: { item: 0 } }]);
	});
});

describe('per-item operations', () => {
	it('Get Order pairs each output with its input and keeps going with continueOnFail', async () => {
		const [a] = sim.seed([{ extId: { ids: 'S-1', exSystemName: 'eshop' }, partner: { name: 'A' }, lines: [] }]);
		const items = await run(
			{ erp: 'pohoda', operation: 'getOrder', lookupBy: 'id', lookupValue: (i: number) => ['1', '404'][i] },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(items[0]).toMatchObject({ json: { order: { id: String(a.id), externalIds: { shop: 'S-1' } } }, pairedItem: { item: 0 } });
		expect(items[1]).toMatchObject({ json: { error: expect.stringMatching(/no received order with ID "404"/) }, pairedItem: { item: 1 } });
	});

	it('Get Order by the shop order ID looks under the external system name', async () => {
		const [a] = sim.seed([{ extId: { ids: 'S-9', exSystemName: 'shoptet' }, partner: { name: 'A' }, lines: [] }]);
		const found = await run({ erp: 'pohoda', operation: 'getOrder', lookupBy: 'extId', lookupValue: 'S-9', externalSystem: 'shoptet' });
		expect(found[0].json.order).toMatchObject({ id: String(a.id), externalIds: { shop: 'S-9', shoptet: 'S-9' } });
		await expect(run({ erp: 'pohoda', operation: 'getOrder', lookupBy: 'extId', lookupValue: 'S-9' })).rejects.toThrow(/no received order with shop order ID "S-9"/);
	});

	it('Import Order refuses something that is not an order, naming the fix', async () => {
		await expect(run({ erp: 'pohoda', operation: 'importOrder', order: '{"id": 1}', shopOrderId: '1' })).rejects.toThrow(/not an order/);
	});

	it('Create Invoice From Order completes the order once; Get Document PDF returns it as a binary PDF', async () => {
		const staticData: Record<string, IDataObject> = {};
		const [o] = sim.seed([{ partner: { name: 'Věra', email: 'vera@example.cz' }, lines: [{ text: 'Čokoláda', quantity: 2, unitPrice: 35 }] }]);
		const input = [{ json: { order: { system: 'pohoda', id: String(o.id), externalIds: { pohoda: String(o.id) } } } }];
		const orderId = String(o.id);
		const invoiced = await run({ erp: 'pohoda', operation: 'createInvoice', orderId }, { items: input, staticData });
		expect(invoiced[0]).toMatchObject({ json: { invoice: { created: true }, order: { canonicalStatus: 'completed' } }, pairedItem: { item: 0 } });
		const again = await run({ erp: 'pohoda', operation: 'createInvoice', orderId }, { items: input, staticData });
		expect(again[0].json.invoice).toMatchObject({ created: false, invoiceId: (invoiced[0].json.invoice as IDataObject).invoiceId });
		expect(sim.invoices.size).toBe(1);
		expect(await ledgerOf(staticData).consumeWrite('pohoda', String(o.id), 'executed')).toBe(true);

		const pdf = await run({ erp: 'pohoda', operation: 'getDocumentPdf', orderId, reportId: 114 }, { items: input });
		expect(pdf[0].binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: expect.stringMatching(/^faktura-FV.*\.pdf$/) });
		expect(Buffer.from(pdf[0].binary!.data.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('credential test', () => {
	const test = (overrides: ICredentialDataDecryptedObject = {}) =>
		node.methods.credentialTest.pohodaConnectionTest.call(credentialTestContext(), {
			id: '1',
			name: 'POHODA',
			type: 'orderSyncPohodaApi',
			data: credentialsFor(sim, overrides),
		});

	it('reports the company and accounting year reached', async () => {
		const result = await test();
		expect(result).toEqual({ status: 'OK', message: `Connected to ${sim.company} (IČO ${sim.ico}), accounting year ${sim.year}` });
	});

	it('flags an IČO that does not match the company mServer serves', async () => {
		const result = await test({ ico: '99999999' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/credential's IČO is 99999999/);
	});

	it('names the fields to check for a wrong password', async () => {
		const result = await test({ password: 'nope' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/401.*User Name and Password/) });
	});

	it('flags a Home Currency that is no currency code; a lower-case code passes', async () => {
		expect(await test({ homeCurrency: 'Kč' })).toEqual({
			status: 'Error',
			message: 'Home Currency "Kč" is not a currency code. Set it to the three-letter ISO code of the accounting unit’s currency: CZK for POHODA (CZ), EUR for POHODA SK.',
		});
		expect((await test({ homeCurrency: ' eur ' })).status).toBe('OK');
	});
});

describe('Generic ERP (from input items)', () => {
	const generic = (rows: IDataObject[], staticData: Record<string, IDataObject>, continueOnFail = false) =>
		run(
			{
				erp: 'generic',
				operation: 'detectChanges',
				system: 'optima',
				fields: { mapping: { orderId: 'ID', status: 'Stan', shopOrderId: 'Zrodlo.numer', updatedAt: 'Zmiana', email: 'Email', lines: 'Pozycje' } },
				completedStatuses: 'Zrealizowane',
				cancelledStatuses: 'Anulowane',
			},
			{ items: rows.map((json) => ({ json })), staticData, continueOnFail },
		);

	const row = (id: number, stan: string, qty = 1): IDataObject => ({
		ID: id,
		Stan: stan,
		Zrodlo: { numer: `WOO-${id}` },
		Zmiana: '2026-11-22 10:00:00',
		Email: `klient${id}@example.pl`,
		Pozycje: JSON.stringify([{ code: 'HERB-1', name: 'Herbata', qty, price: 12.5 }]),
	});

	it('emits the same events as POHODA and nothing for rows seen before', async () => {
		const staticData: Record<string, IDataObject> = {};
		const first = await generic([row(1, 'Nowe'), row(2, 'Nowe')], staticData);
		expect(kinds(first)).toEqual(['created:1', 'created:2']);
		expect(first[1]).toMatchObject({ json: { system: 'optima', order: { externalIds: { shop: 'WOO-2' }, customer: { email: 'klient2@example.pl' } } }, pairedItem: { item: 1 } });

		expect(await generic([row(1, 'Nowe'), row(2, 'Nowe')], staticData)).toEqual([]);

		const next = await generic([row(1, 'Zrealizowane'), row(2, 'Nowe', 3), row(3, 'Anulowane')], staticData);
		expect(kinds(next)).toEqual(['completed:1', 'edited:2', 'created:3']);
		expect(next.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(next[1].json.lineDiff).toMatchObject({ changed: [{ sku: 'HERB-1', quantityBefore: 1, quantityAfter: 3 }] });
	});

	it("reads the ERP's local times in the workflow's time zone", async () => {
		const [created] = await generic([row(1, 'Nowe')], {});
		// 10:00 in Bratislava (the test workflow's zone) in November is 09:00 UTC
		expect(Date.parse((created.json.order as Order).updatedAt as string)).toBe(Date.parse('2026-11-22T09:00:00Z'));
	});

	it('a row without an id stops the run naming the field, or becomes an error item', async () => {
		const staticData: Record<string, IDataObject> = {};
		await expect(generic([row(1, 'Nowe'), { Stan: 'Nowe' }], staticData)).rejects.toThrow(/Item 1: the order id field "ID" is empty or missing/);
		expect(await generic([row(1, 'Nowe')], staticData)).toHaveLength(1); // nothing was marked as seen by the failed run
		const items = await generic([row(2, 'Nowe'), { ID: 3, Stan: 'Nowe', Zmiana: 'wczoraj' }], staticData, true);
		expect(kinds(items.filter((i) => i.json.kind))).toEqual(['created:2']);
		expect(items.find((i) => i.json.error)).toMatchObject({ json: { error: expect.stringMatching(/"Zmiana".*not a date/) }, pairedItem: { item: 1 } });
	});
});
