import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { execute } from '../../helpers/n8n-context';
import { describeWith } from '../../helpers/requires';
import { pohodaSchemasMissing, validateDataPack, validateDataPacks } from '../../helpers/xsd';
import { startPohodaSimulator, type PohodaSimulator, type PohodaSimulatorOptions } from '../../simulators/pohoda';
import { credentialsFor } from './support';

const node = new ErpOrderStatus();

let sim: PohodaSimulator;
let homeCurrency: string | undefined;
async function start(options: PohodaSimulatorOptions = {}, credentialCurrency?: string) {
	sim = await startPohodaSimulator(options);
	homeCurrency = credentialCurrency;
}
/** Every dataPack the node sent, checked against the official schemas at the end. */
const sent: string[] = [];
afterEach(async () => {
	sent.push(...sim.requests.filter((r) => r.body).map((r) => r.body!));
	await sim.close();
});

let workflowId = '';
beforeEach(() => {
	workflowId = `wf-${expect.getState().currentTestName}`;
});

async function run(parameters: Record<string, unknown>, options: { items?: INodeExecutionData[]; continueOnFail?: boolean; staticData?: Record<string, IDataObject> } = {}) {
	const credentials = { orderSyncPohodaApi: credentialsFor(sim, homeCurrency === undefined ? {} : { homeCurrency }) };
	const { output } = await execute(node, { parameters, credentials, workflowId, ...options });
	return output[0];
}

const shopOrder = (id: string, currency: string | undefined, extra: Partial<Order> = {}): Order => ({
	system: 'woocommerce',
	id,
	number: id,
	externalIds: { woocommerce: id },
	status: { code: 'processing' },
	customer: { email: 'zuzana@example.sk', name: 'Zuzana Horváthová' },
	billingAddress: { name: 'Zuzana Horváthová', city: 'Žilina', country: 'SK' },
	lines: [
		{ name: 'Káva zrnková 1 kg', sku: 'KAVA-1', quantity: 2, unitPrice: 18.9, taxRate: 21 },
		{ name: 'Mlynček', sku: 'MLYN', quantity: 1, unitPrice: 79, taxRate: 21 },
	],
	linePricesIncludeTax: true,
	currency,
	...extra,
});

async function importOrder(order: Order) {
	const items = [{ json: { order: order as unknown as IDataObject } }];
	const [result] = await run({ erp: 'pohoda', operation: 'importOrder', order: () => order, shopOrderId: order.id }, { items });
	return { id: Number((result.json.pohoda as IDataObject).id), request: sim.requests.filter((r) => r.body?.includes('<ord:order ')).at(-1)!.body! };
}

async function getOrder(shopOrderId: string): Promise<Order> {
	const [result] = await run({ erp: 'pohoda', operation: 'getOrder', lookupBy: 'extId', lookupValue: shopOrderId, externalSystem: 'eshop' }, { items: [{ json: {} }] });
	return result.json.order as unknown as Order;
}

/** The `ord:orderItem` elements of a request. */
const itemsOf = (xml: string) => xml.match(/<ord:orderItem>[\s\S]*?<\/ord:orderItem>/g) ?? [];

describe('POHODA Import Order: currency, in a Czech accounting unit (CZK)', () => {
	beforeEach(() => start());

	it('a EUR order becomes a foreign-currency order at POHODA’s own rate; read back in EUR', async () => {
		const { id, request } = await importOrder(shopOrder('7001', 'EUR'));
		expect(request).toMatch(/<ord:orderSummary><ord:foreignCurrency><typ:currency><typ:ids>EUR<\/typ:ids><\/typ:currency><\/ord:foreignCurrency><\/ord:orderSummary>/);
		expect(itemsOf(request)).toHaveLength(2);
		for (const item of itemsOf(request)) {
			expect(item).toMatch(/<ord:foreignCurrency><typ:unitPrice>[\d.]+<\/typ:unitPrice><\/ord:foreignCurrency>/);
			expect(item).not.toContain('ord:homeCurrency');
		}
		expect(sim.orders.get(id)).toMatchObject({ currency: { code: 'EUR', rate: 25.2, amount: 1 } });
		expect(sim.orders.get(id)!.lines.map((l) => l.unitPrice)).toEqual([18.9, 79]);

		const order = await getOrder('7001');
		expect(order.currency).toBe('EUR');
		expect(order.exchangeRate).toBe(25.2);
		expect(order.totals?.gross).toBe(116.8); // 2 × 18.90 + 79.00, in EUR
		expect(order.lines.map((l) => [l.sku, l.unitPrice, l.total])).toEqual([['KAVA-1', 18.9, 37.8], ['MLYN', 79, 79]]);
	});

	it('a rate the order brings is written with the amount 1; POHODA keeps it', async () => {
		const { id, request } = await importOrder(shopOrder('7002', 'eur', { exchangeRate: 24.655 }));
		expect(request).toContain('<typ:currency><typ:ids>EUR</typ:ids></typ:currency><typ:rate>24.655</typ:rate><typ:amount>1</typ:amount>');
		expect(sim.orders.get(id)!.currency).toEqual({ code: 'EUR', rate: 24.655, amount: 1 });
		expect((await getOrder('7002')).exchangeRate).toBe(24.655);
	});

	it('a CZK order, and an order without a currency, are written in the home currency as before', async () => {
		for (const [shopId, currency] of [['7003', 'CZK'], ['7004', undefined]] as const) {
			const { id, request } = await importOrder(shopOrder(shopId, currency, { lines: [{ name: 'Mýdlo', sku: 'MYDLO', quantity: 2, unitPrice: 59, taxRate: 21 }] }));
			expect(request).not.toContain('foreignCurrency');
			expect(request).not.toContain('orderSummary');
			expect(itemsOf(request)[0]).toContain('<ord:homeCurrency><typ:unitPrice>59</typ:unitPrice></ord:homeCurrency>');
			expect(sim.orders.get(id)!.currency).toBeUndefined();
			const order = await getOrder(shopId);
			expect(order).toMatchObject({ currency: 'CZK', totals: { gross: 118 } });
			expect(order.exchangeRate).toBeUndefined();
		}
	});

	it('a bad currency code stops the item naming the order and the field; nothing reaches POHODA', async () => {
		await expect(importOrder(shopOrder('7005', 'EURO'))).rejects.toThrow(/Order 7005: currency "EURO" is not an ISO 4217 code.*currency field \(order 7005\)/);
		await expect(importOrder(shopOrder('7006', 'EUR', { exchangeRate: -3 }))).rejects.toThrow(/Order 7006: exchangeRate -3 is not a positive number of CZK per 1 EUR.*\(order 7006\)/);
		expect(sim.requests).toEqual([]);

		const order = shopOrder('7007', '€');
		const output = await run(
			{ erp: 'pohoda', operation: 'importOrder', order: () => order, shopOrderId: '7007' },
			{ items: [{ json: { order: order as unknown as IDataObject } }], continueOnFail: true },
		);
		expect(output[0]).toMatchObject({ json: { error: expect.stringMatching(/Order 7007: currency "€"/) }, pairedItem: { item: 0 } });
	});

	it('a currency POHODA does not keep is refused by POHODA, and the reason is passed on', async () => {
		await expect(importOrder(shopOrder('7008', 'XAU'))).rejects.toThrow(/POHODA refused to import order 7008: .*Cizí měna XAU/);
	});

	it('change detection reads a foreign-currency order back in its currency, and an edited price in it', async () => {
		const staticData: Record<string, IDataObject> = {};
		expect(await run({ erp: 'pohoda', operation: 'getChanges', startFrom: 'now' }, { staticData })).toEqual([]);
		const [seeded] = sim.seed([
			{ partner: { name: 'Anna Kowalska', country: 'PL' }, currency: { code: 'PLN', rate: 5.9, amount: 1 }, lines: [{ text: 'Herbata', code: 'HERB', quantity: 3, unitPrice: 24.5, rateVAT: 'high' }] },
		]);
		const [created] = await run({ erp: 'pohoda', operation: 'getChanges', startFrom: 'now' }, { staticData });
		expect(created.json).toMatchObject({ kind: 'created', order: { id: String(seeded.id), currency: 'PLN', exchangeRate: 5.9, totals: { gross: 73.5 } } });
		expect((created.json.order as unknown as Order).lines[0]).toMatchObject({ unitPrice: 24.5, total: 73.5 });

		sim.editLine(seeded.id, 0, { unitPrice: 26 });
		const [edited] = await run({ erp: 'pohoda', operation: 'getChanges', startFrom: 'now' }, { staticData });
		expect(edited.json).toMatchObject({ kind: 'edited', order: { currency: 'PLN', totals: { gross: 78 } } });
		expect(edited.json.lineDiff).toMatchObject({ changed: [{ sku: 'HERB', unitPriceBefore: 24.5, unitPriceAfter: 26 }] });
	});
});

describe('POHODA Import Order: currency, in a Slovak accounting unit (POHODA SK, EUR)', () => {
	beforeEach(() => start({ homeCurrency: 'EUR' }, 'EUR'));

	it('a EUR order is a home-currency order', async () => {
		const { id, request } = await importOrder(shopOrder('8001', 'EUR'));
		expect(request).not.toContain('foreignCurrency');
		expect(itemsOf(request)[0]).toContain('<ord:homeCurrency><typ:unitPrice>18.9</typ:unitPrice></ord:homeCurrency>');
		expect(sim.orders.get(id)!.currency).toBeUndefined();
		expect(await getOrder('8001')).toMatchObject({ currency: 'EUR', totals: { gross: 116.8 } });
	});

	it('a CZK order is a foreign-currency order there', async () => {
		const { id } = await importOrder(shopOrder('8002', 'CZK', { lines: [{ name: 'Mýdlo', sku: 'MYDLO', quantity: 2, unitPrice: 59, taxRate: 20 }] }));
		expect(sim.orders.get(id)!.currency).toMatchObject({ code: 'CZK', amount: 1 });
		const order = await getOrder('8002');
		expect(order).toMatchObject({ currency: 'CZK', totals: { gross: 118 } });
		expect(order.exchangeRate).toBeCloseTo(1 / 25.2, 3);
	});

	it('a Home Currency that is not a currency code is named in the credential', async () => {
		homeCurrency = 'Kč';
		await expect(importOrder(shopOrder('8003', 'EUR'))).rejects.toThrow(/Home Currency "Kč" in the POHODA credential is not a currency code/);
		expect(sim.requests).toEqual([]);
	});
});

describeWith('POHODA schemas and xmllint', pohodaSchemasMissing(), () => {
	beforeEach(() => start());

	it('every dataPack the node sent in the tests above is valid against data.xsd', async () => {
		expect(sent.length).toBeGreaterThan(5);
		expect((await validateDataPacks(sent)).flat()).toEqual([]);
	});

	it('the answer with a foreign-currency order is valid against response.xsd', async () => {
		sim.seed([{ partner: {}, currency: { code: 'HUF', rate: 6.4, amount: 100 }, lines: [{ text: 'Paprika', quantity: 2, unitPrice: 1500 }] }]);
		const [order] = (await run({ erp: 'pohoda', operation: 'getOrder', lookupBy: 'id', lookupValue: '1' }, { items: [{ json: {} }] })).map((i) => i.json.order as unknown as Order);
		expect(order).toMatchObject({ currency: 'HUF', exchangeRate: 0.064, totals: { gross: 3000 } });
		const response = await fetch(`${sim.url}/xml`, {
			method: 'POST',
			headers: { 'STW-Authorization': `Basic ${Buffer.from('admin:heslo').toString('base64')}` },
			body: sim.requests.at(-1)!.body!,
		});
		expect(await validateDataPack(Buffer.from(await response.arrayBuffer()), 'response.xsd')).toEqual([]);
	});
});
