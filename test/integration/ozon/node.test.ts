import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { workflowLedger } from '../../helpers/state';
import { MarketplaceOrder } from '../../../nodes/MarketplaceOrder/MarketplaceOrder.node';
import { executeInWorkflow, loadOptionsContext } from '../../helpers/marketplace-context';
import { makePosting, startOzonSimulator, type OzonSimulator } from '../../simulators/ozon';

const node = new MarketplaceOrder();
let run = 0;

describe('Marketplace Order node on Ozon', () => {
	let sim: OzonSimulator;
	let credentials: Record<string, IDataObject>;
	let staticData: Record<string, IDataObject>;

	beforeEach(async () => {
		run++;
		sim = await startOzonSimulator({ seed: [], clientId: `node-client-${run}`, apiKey: 'node-key' });
		credentials = { orderSyncOzonApi: { url: sim.url, clientId: sim.clientId, apiKey: sim.apiKey } };
		staticData = {};
	});
	afterEach(() => sim.close());

	/** Runs the node; the expression defaults n8n would evaluate per item (order id, decisions) are given as functions. */
	const runNode = (parameters: Record<string, unknown>, items?: INodeExecutionData[], continueOnFail = false) =>
		executeInWorkflow(node, `ozon-node-${run}`, {
			parameters: {
				marketplace: 'ozon',
				orderId: (i: number) => (items?.[i]?.json.order as IDataObject | undefined)?.id,
				decisions: (i: number) => (items?.[i]?.json.decision as IDataObject | undefined)?.positions,
				...parameters,
			},
			items,
			credentials: credentials as never,
			staticData,
			continueOnFail,
		});
	const orderItems = (...ids: string[]) => ids.map((id) => ({ json: { order: { id } } as IDataObject }));
	const orderOf = (item: INodeExecutionData) => item.json.order as { id: string; lines: Array<{ id: string; quantity: number; sku?: string }>; customer: IDataObject };

	describe('Get New Orders', () => {
		it('emits each posting once, across runs, and only those awaiting a decision', async () => {
			sim.addPosting({ posting_number: 'A-1', in_process_at: new Date(Date.now() - 30 * 60_000).toISOString() });
			sim.addPosting({ posting_number: 'B-1', status: 'awaiting_deliver' });
			const first = await runNode({ operation: 'getNewOrders' });
			expect(first.output[0].map((i) => orderOf(i).id)).toEqual(['A-1']);
			expect(first.output[0][0]).toMatchObject({ json: { kind: 'created', system: 'ozon', newStatus: { code: 'awaiting_packaging' } }, pairedItem: { item: 0 } });

			sim.addPosting({ posting_number: 'C-1' });
			const second = await runNode({ operation: 'getNewOrders' });
			expect(second.output[0].map((i) => orderOf(i).id)).toEqual(['C-1']);
			const third = await runNode({ operation: 'getNewOrders' });
			expect(third.output[0]).toEqual([]);
		});

		it('dry: Get New Orders shows the orders without marking them seen; the real run emits them', async () => {
			sim.addPosting({ posting_number: 'D-1' });
			const dry = await runNode({ operation: 'getNewOrders', dryRun: true });
			expect(dry.output[0].map((i) => orderOf(i).id)).toEqual(['D-1']);
			const real = await runNode({ operation: 'getNewOrders' });
			expect(real.output[0].map((i) => orderOf(i).id)).toEqual(['D-1']);
			expect((await runNode({ operation: 'getNewOrders' })).output[0]).toEqual([]);
		});

		it('maps customer and region where the posting has them, else the marketplace is the buyer', async () => {
			sim.addPosting({
				posting_number: 'R-1',
				customer: {
					customer_id: 9,
					name: 'Иван Петров',
					phone: '',
					address: { address_tail: 'ул. Ленина, 5', city: 'Казань', country: 'Россия', region: 'Республика Татарстан', zip_code: '420111', comment: '' },
				},
			});
			sim.addPosting({ posting_number: 'F-1' });
			const { output } = await runNode({ operation: 'getNewOrders' });
			const byId = Object.fromEntries(output[0].map((i) => [orderOf(i).id, i.json.order as IDataObject]));
			expect(byId['R-1']).toMatchObject({
				customer: { id: 'ozon:9', name: 'Иван Петров', region: 'Республика Татарстан', country: 'RU' },
				shippingAddress: { city: 'Казань', postcode: '420111', street: 'ул. Ленина, 5' },
			});
			expect(byId['F-1']).toMatchObject({ customer: { id: 'ozon', name: 'Ozon', region: 'Москва' } });
			expect((byId['F-1'].customer as IDataObject).email).toBeUndefined();
		});

		it('keeps an unreadable posting pending and emits it once it can be read', async () => {
			sim.addPosting({ posting_number: 'OK-1' });
			const bad = sim.addPosting({ posting_number: 'BAD-1', products: [{ sku: 5, offer_id: 'Z', name: 'z', quantity: 1, price: 'n/a', currency_code: 'RUB' }] });
			const first = await runNode({ operation: 'getNewOrders' }, undefined, true);
			expect(first.output[0].map((i) => (i.json.order ? orderOf(i).id : `error:${i.json.orderId}`))).toEqual(['OK-1', 'error:BAD-1']);
			expect(first.output[0][1].json.error).toMatch(/price "n\/a"/);
			bad.products[0].price = '100.000000';
			const second = await runNode({ operation: 'getNewOrders' });
			expect(second.output[0].map((i) => orderOf(i).id)).toEqual(['BAD-1']);
		});

		it('never returns a posting deleted from processing', async () => {
			sim.addPosting({ posting_number: 'D-1' });
			const deleted = await runNode({ operation: 'rejectPositions', rejectMode: 'delete' }, orderItems('D-1'));
			expect(deleted.output[0][0].json).toMatchObject({ deleted: true, order: { id: 'D-1' } });
			expect(sim.requests.filter((r) => r.path !== '/v4/posting/fbs/list')).toEqual([]);
			const { output } = await runNode({ operation: 'getNewOrders' });
			expect(output[0]).toEqual([]);
			expect(sim.postings.get('D-1')?.status).toBe('awaiting_packaging');
		});

		it('names the credential problem when the Api-Key is wrong', async () => {
			credentials.orderSyncOzonApi.apiKey = 'wrong-key';
			const error = await runNode({ operation: 'getNewOrders' }).catch((e) => e);
			expect(error.message).toMatch(/does not accept this Api-Key/);
			expect(JSON.stringify(error)).not.toContain('wrong-key');
		});
	});

	describe('Process Automatically', () => {
		beforeEach(() => {
			sim.seed([
				makePosting({ posting_number: 'ENOUGH-1', products: [{ sku: 11, offer_id: 'ART-11', name: 'Pads', quantity: 2, price: '100.000000', currency_code: 'RUB' }] }),
				makePosting({ posting_number: 'SHORT-1', products: [{ sku: 12, offer_id: 'ART-12', name: 'Filter', quantity: 3, price: '50.000000', currency_code: 'RUB' }] }),
				makePosting({
					posting_number: 'MIXED-1',
					products: [
						{ sku: 13, offer_id: 'ART-13', name: 'Plug', quantity: 4, price: '10.000000', currency_code: 'RUB' },
						{ sku: 14, offer_id: 'ART-14', name: 'Belt', quantity: 1, price: '70.000000', currency_code: 'RUB' },
					],
				}),
			]);
		});
		const items = (): INodeExecutionData[] => [
			{ json: { order: { id: 'ENOUGH-1' }, stock: 5, customerNo: 'C-77' } },
			{ json: { order: { id: 'SHORT-1' }, stock: 1 } },
			{ json: { order: { id: 'MIXED-1' }, stock: [{ sku: 'ART-13', stock: 10 }, { sku: 'ART-14', stock: 0 }] } },
		];
		const params = { operation: 'processAutomatically', offerField: 'stock', rejectReason: '352', customerIdField: 'customerNo' };

		it('accepts what the offer covers and rejects the rest, on two outputs with pairing', async () => {
			const { output } = await runNode(params, items());
			const [accepted, rejected] = output;
			expect(accepted.map((i) => [orderOf(i).id, i.pairedItem])).toEqual([
				['ENOUGH-1', { item: 0 }],
				['MIXED-1', { item: 2 }],
			]);
			expect(rejected.map((i) => [orderOf(i).id, i.pairedItem])).toEqual([
				['SHORT-1', { item: 1 }],
				['MIXED-1', { item: 2 }],
			]);
			expect(orderOf(accepted[0]).customer).toMatchObject({ id: 'C-77' });
			expect(accepted[0].json.customerMatched).toBe(true);
			expect(orderOf(accepted[1]).lines.map((l) => l.sku)).toEqual(['ART-13']);
			expect(orderOf(rejected[1]).lines.map((l) => l.sku)).toEqual(['ART-14']);
			expect(accepted[1].json.customerMatched).toBe(false);

			expect(sim.postings.get('ENOUGH-1')?.status).toBe('awaiting_deliver');
			expect(sim.postings.get('SHORT-1')?.status).toBe('cancelled');
			expect(sim.postings.get('SHORT-1')?.cancellation.cancel_reason_id).toBe(352);
			expect(sim.postings.get('MIXED-1')?.status).toBe('awaiting_deliver');
			expect(sim.cancelledProducts).toEqual([{ posting_number: 'MIXED-1', sku: 14, quantity: 1, reason_id: 352 }]);

			const ledger = workflowLedger(`ozon-node-${run}`);
			expect(await ledger.consumeWrite('ozon', 'ENOUGH-1', 'awaiting_deliver')).toBe(true);
			expect(await ledger.consumeWrite('ozon', 'SHORT-1', 'cancelled')).toBe(true);
			expect(await ledger.consumeWrite('ozon', 'MIXED-1', 'cancelled')).toBe(false);
		});

		it('does not act twice on a posting when run again', async () => {
			await runNode(params, items());
			const before = sim.requests.filter((r) => /ship|cancel/.test(r.path)).length;
			const again = await runNode(params, items());
			expect(sim.requests.filter((r) => /ship|cancel/.test(r.path)).length).toBe(before);
			expect(again.output[0].every((i) => i.json.alreadyProcessed === true)).toBe(true);
			expect(again.output[1].map((i) => orderOf(i).id)).toEqual(['SHORT-1', 'MIXED-1']);
		});

		it('loses nothing when one posting of the batch fails', async () => {
			sim.failNext('/v4/posting/fbs/ship', { status: 500, times: 10, when: (body) => body.posting_number === 'ENOUGH-1' });
			const first = await runNode(params, items(), true);
			const errors = first.output[0].filter((i) => i.json.error);
			expect(errors).toEqual([{ json: { error: expect.stringMatching(/HTTP 500.*ENOUGH-1/), orderId: 'ENOUGH-1' }, pairedItem: { item: 0 } }]);
			expect(sim.postings.get('SHORT-1')?.status).toBe('cancelled');
			expect(sim.postings.get('MIXED-1')?.status).toBe('awaiting_deliver');

			sim.reset();
			sim.seed([makePosting({ posting_number: 'ENOUGH-1', products: [{ sku: 11, offer_id: 'ART-11', name: 'Pads', quantity: 2, price: '100.000000', currency_code: 'RUB' }] })]);
			const second = await runNode(params, [items()[0]]);
			expect(second.output[0].map((i) => [orderOf(i).id, i.json.alreadyProcessed])).toEqual([['ENOUGH-1', undefined]]);
			expect(sim.postings.get('ENOUGH-1')?.status).toBe('awaiting_deliver');
		});

		it('finishes a partly applied decision on the next run without rejecting twice', async () => {
			sim.failNext('/v4/posting/fbs/ship', { status: 500, times: 10, when: (body) => body.posting_number === 'MIXED-1' });
			const first = await runNode(params, [items()[2]], true);
			expect(first.output[0][0].json.error).toMatch(/HTTP 500/);
			expect(sim.cancelledProducts).toHaveLength(1);
			expect(sim.postings.get('MIXED-1')?.status).toBe('awaiting_packaging');
			sim.reset();
			sim.seed([makePosting({ posting_number: 'MIXED-1', products: [{ sku: 13, offer_id: 'ART-13', name: 'Plug', quantity: 4, price: '10.000000', currency_code: 'RUB' }] })]);
			const second = await runNode(params, [items()[2]]);
			expect(sim.requests.map((r) => r.path)).toEqual(['/v3/posting/fbs/get', '/v4/posting/fbs/ship']);
			expect(second.output[0].map((i) => orderOf(i).lines.map((l) => l.sku))).toEqual([['ART-13']]);
			expect(sim.postings.get('MIXED-1')?.status).toBe('awaiting_deliver');
		});

		it('stops with the order and item named when continue on fail is off', async () => {
			const error = await runNode({ ...params, offerField: 'price.stock' }, items()).catch((e) => e);
			expect(error.message).toMatch(/Order ENOUGH-1: the item has no field "price.stock"/);
			expect(sim.requests.filter((r) => /ship|cancel/.test(r.path))).toEqual([]);
		});

		it('rejects the whole posting when partial acceptance is off', async () => {
			const { output } = await runNode({ ...params, allowPartial: false }, [items()[2]]);
			expect(output[0]).toEqual([]);
			expect(orderOf(output[1][0]).lines.map((l) => l.sku)).toEqual(['ART-13', 'ART-14']);
			expect(sim.postings.get('MIXED-1')?.status).toBe('cancelled');
		});

		it('only decides when told not to tell the marketplace, and Send Status sends later', async () => {
			const decided = await runNode({ ...params, tellMarketplace: false }, [items()[2]]);
			expect(sim.requests.filter((r) => /ship|cancel/.test(r.path))).toEqual([]);
			const decisionItem = decided.output[0][0];
			const sent = await runNode({ operation: 'sendStatus', rejectReason: '352' }, [decisionItem]);
			expect(sent.output[0][0].json).toMatchObject({ order: { id: 'MIXED-1', status: { code: 'awaiting_deliver' } }, sent: [{ status: 'cancelled' }, { status: 'awaiting_deliver' }] });
			expect(sim.cancelledProducts.map((c) => c.sku)).toEqual([14]);
		});
	});

	describe('Accept, Reject, Send Status, Set Tracking', () => {
		beforeEach(() => {
			sim.seed([
				makePosting({
					posting_number: 'TWO-1',
					products: [
						{ sku: 21, offer_id: 'ART-21', name: 'Pads', quantity: 2, price: '100.000000', currency_code: 'RUB' },
						{ sku: 22, offer_id: 'ART-22', name: 'Disc', quantity: 1, price: '900.000000', currency_code: 'RUB' },
					],
				}),
			]);
		});

		it('rejects one position then accepts the other of the same posting', async () => {
			const rejected = await runNode({ operation: 'rejectPositions', positionsMode: 'selected', positionIds: 'ART-22', rejectReason: '352' }, orderItems('TWO-1'));
			expect(orderOf(rejected.output[0][0]).lines.map((l) => l.sku)).toEqual(['ART-22']);
			expect(sim.postings.get('TWO-1')?.status).toBe('awaiting_packaging');
			const accepted = await runNode({ operation: 'acceptPositions' }, orderItems('TWO-1'));
			expect(orderOf(accepted.output[0][0]).lines).toMatchObject([{ sku: 'ART-21', quantity: 2 }]);
			expect(sim.postings.get('TWO-1')?.status).toBe('awaiting_deliver');
			expect(sim.cancelledProducts).toEqual([{ posting_number: 'TWO-1', sku: 22, quantity: 1, reason_id: 352 }]);
		});

		it('dry: Accept Positions shows the ship request, sends no write and claims nothing; the real run sends that request', async () => {
			const before = sim.requests.length;
			const dry = await runNode({ operation: 'acceptPositions', dryRun: true }, orderItems('TWO-1'));
			const planned = dry.output[0][0].json.dryRun as { wouldWrite: Array<{ url: string; body: IDataObject }>; ledger: string };
			expect(planned).toMatchObject({ ledger: 'would_do', wouldWrite: [{ url: expect.stringMatching(/\/v4\/posting\/fbs\/ship$/) }] });
			expect(dry.output[0][0].pairedItem).toEqual({ item: 0 });
			expect(sim.requests.slice(before).every((r) => !/ship|cancel/.test(r.path))).toBe(true);
			expect(sim.postings.get('TWO-1')?.status).toBe('awaiting_packaging');

			await runNode({ operation: 'acceptPositions' }, orderItems('TWO-1'));
			const ship = sim.requests.find((r) => r.path.endsWith('/v4/posting/fbs/ship'));
			expect(ship?.body).toEqual(planned.wouldWrite[0].body);
			expect(sim.postings.get('TWO-1')?.status).toBe('awaiting_deliver');
		});

		it('accepts chosen positions and rejects the others in one go', async () => {
			const { output } = await runNode(
				{ operation: 'acceptPositions', positionsMode: 'selected', positionIds: '21', rejectOthers: true, rejectReason: '400' },
				orderItems('TWO-1'),
			);
			expect(output[0].map((i) => orderOf(i).lines.map((l) => l.sku))).toEqual([['ART-21'], ['ART-22']]);
			expect(sim.postings.get('TWO-1')?.status).toBe('awaiting_deliver');
		});

		it('says clearly when the reject reason is not one Ozon offers', async () => {
			const error = await runNode({ operation: 'rejectPositions', rejectReason: '999' }, orderItems('TWO-1')).catch((e) => e);
			expect(error.message).toBe('Reject reason "999" is not one Ozon offers');
			expect(error.description).toMatch(/352 \(.+\)/);
			expect(sim.postings.get('TWO-1')?.status).toBe('awaiting_packaging');
		});

		it('sends the mapped status per decided position', async () => {
			const { output } = await runNode(
				{
					operation: 'sendStatus',
					decisions: { 'ART-21': 'accepted', 'ART-22': 'rejected' },
					statusMapping: { mappings: [{ decision: 'rejected', status: 'cancelled' }] },
					rejectReason: '402',
					rejectMessage: 'Out of stock at supplier',
				},
				orderItems('TWO-1'),
			);
			expect(output[0][0].json.order).toMatchObject({ status: { code: 'awaiting_deliver' } });
			const cancel = sim.requests.find((r) => r.path === '/v2/posting/fbs/product/cancel')?.body;
			expect(cancel).toMatchObject({ cancel_reason_id: 402, cancel_reason_message: 'Out of stock at supplier', items: [{ sku: 22, quantity: 1 }] });
			const bad = await runNode({ operation: 'sendStatus', decisions: { 'ART-21': 'maybe' } }, orderItems('TWO-1')).catch((e) => e);
			expect(bad.message).toMatch(/decision "maybe" for position ART-21/);
		});

		it('sets the tracking number and returns the order', async () => {
			const { output } = await runNode({ operation: 'setTracking', trackingNumber: (i: number) => `TRK-${i}` }, orderItems('TWO-1'));
			expect(output[0][0].json).toMatchObject({ order: { id: 'TWO-1', tracking: [{ number: 'TRK-0' }] }, tracking: { number: 'TRK-0' } });
		});

		it('gets an order, and returns an error item per unknown order with continue on fail', async () => {
			const { output } = await runNode({ operation: 'getOrder' }, orderItems('TWO-1', 'MISSING-1'), true);
			expect(output[0].map((i) => [i.json.order ? orderOf(i).id : i.json.error, i.pairedItem])).toEqual([
				['TWO-1', { item: 0 }],
				[expect.stringMatching(/Posting not found.*MISSING-1/), { item: 1 }],
			]);
		});
	});

	it('loads the reject reasons live for the dropdown', async () => {
		const context = loadOptionsContext(node, { parameters: { marketplace: 'ozon' }, credentials: credentials as never });
		const options = await node.methods.loadOptions.getRejectReasons.call(context as never);
		expect(options).toContainEqual({ name: 'Товар закончился на складе продавца (352)', value: '352' });
		expect(options.map((o) => o.value)).not.toContain('401');
	});
});
