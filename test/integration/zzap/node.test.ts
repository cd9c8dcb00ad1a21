import { credentialTestFunctions } from '../../helpers/credential-test';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { MarketplaceOrder } from '../../../nodes/MarketplaceOrder/MarketplaceOrder.node';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { executeInWorkflow, loadOptionsContext } from '../../helpers/marketplace-context';
import { DEFAULT_STATUSES, startZzapSimulator, type SimPosition, type ZzapSimulator } from '../../simulators/zzap';

const node = new MarketplaceOrder();
let run = 0;

describe('Marketplace Order node on ZZAP', () => {
	let sim: ZzapSimulator;
	let credentials: Record<string, IDataObject>;

	beforeEach(async () => {
		run++;
		sim = await startZzapSimulator({ accounts: [{ login: `seller${run}@example.ru`, password: 'pw', apiKey: 'key', statuses: DEFAULT_STATUSES }] });
		credentials = {
			orderSyncZzapApi: { url: sim.url, login: sim.account.login, password: 'pw', apiKey: 'key', intervalSeconds: 0.01, acceptReply: 'Берём в работу' },
		};
	});
	afterEach(() => sim.close());

	const runNode = (parameters: Record<string, unknown>, items?: INodeExecutionData[], continueOnFail = false) =>
		executeInWorkflow(node, `zzap-node-${run}`, {
			parameters: {
				marketplace: 'zzap',
				orderId: (i: number) => (items?.[i]?.json.order as IDataObject | undefined)?.id,
				decisions: (i: number) => (items?.[i]?.json.decision as IDataObject | undefined)?.positions,
				...parameters,
			},
			items,
			credentials: credentials as never,
			continueOnFail,
		});
	const orderOf = (item: INodeExecutionData) => item.json.order as { id: string; lines: Array<{ id: string; sku?: string; quantity: number }>; customer: IDataObject };
	const add = (lines: Array<Partial<SimPosition>>, shared: Partial<SimPosition> = {}) => sim.addOrder(lines, { login: sim.account.login, ...shared });

	it('emits each buyer order once across runs, only while a position waits for a decision', async () => {
		const [a] = add([{ partnumber: 'P-1' }, { partnumber: 'P-2' }]);
		add([{ partnumber: 'P-3', code_track: 2 }], { client_email: 'busy@example.ru' });
		const first = await runNode({ operation: 'getNewOrders' });
		expect(first.output[0].map((i) => orderOf(i).lines.map((l) => l.sku))).toEqual([['P-1', 'P-2']]);
		expect(first.output[0][0]).toMatchObject({ json: { kind: 'created', system: 'zzap', order: { id: String(a.code_order) } }, pairedItem: { item: 0 } });

		const [c] = add([{ partnumber: 'P-4' }], { client_email: 'new@example.ru' });
		const second = await runNode({ operation: 'getNewOrders' });
		expect(second.output[0].map((i) => orderOf(i).id)).toEqual([String(c.code_order)]);
		expect((await runNode({ operation: 'getNewOrders' })).output[0]).toEqual([]);
	});

	it('accepts covered positions and rejects the rest with the chosen ZZAP status and reply, once', async () => {
		const [a, b] = add([{ partnumber: 'W712/95', qty_order: 2 }, { partnumber: 'OC90', qty_order: 1 }]);
		const items: INodeExecutionData[] = [{ json: { order: { id: String(a.code_order) }, offer: [{ sku: 'W712/95', stock: 4 }, { sku: 'OC90', stock: 0 }] } }];
		const params = { operation: 'processAutomatically', offerField: 'offer', rejectReason: '6', rejectMessage: 'Нет на складе, извините' };
		const { output } = await runNode(params, items);
		expect(output[0].map((i) => orderOf(i).lines.map((l) => l.sku))).toEqual([['W712/95']]);
		expect(output[1].map((i) => orderOf(i).lines.map((l) => l.sku))).toEqual([['OC90']]);
		expect(sim.positions.get(a.code_order)).toMatchObject({ code_track: 2, response: 'Берём в работу' });
		expect(sim.positions.get(b.code_order)).toMatchObject({ code_track: 6, descr_track: 'Отказ: нет в наличии', response: 'Нет на складе, извините' });
		// one listing serves the whole execution: what was set is kept current, not listed again
		expect(sim.requests.map((r) => r.name)).toEqual(['GetCodesTrack', 'GetSellerOrdersV3', 'SetOrderStatusV3', 'SetOrderStatusV3']);

		const sets = () => sim.requests.filter((r) => r.name === 'SetOrderStatusV3').length;
		const before = sets();
		const again = await runNode(params, items);
		expect(sets()).toBe(before);
		expect(again.output[0][0].json.alreadyProcessed).toBe(true);
	});

	it('offers the account’s statuses in the dropdowns and sends the mapped one per position', async () => {
		const [a, b] = add([{ partnumber: 'A' }, { partnumber: 'B' }]);
		const context = loadOptionsContext(node, { parameters: { marketplace: 'zzap' }, credentials: credentials as never });
		const statuses = await node.methods.loadOptions.getStatuses.call(context as never);
		expect(statuses.map((s) => s.value)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
		const reasons = await node.methods.loadOptions.getRejectReasons.call(context as never);
		expect(reasons.map((r) => r.value)).toEqual(['6', '7', '8', '1', '2', '3', '4', '5']);

		const { output } = await runNode(
			{
				operation: 'sendStatus',
				decisions: { A: 'accepted', B: 'rejected' },
				statusMapping: { mappings: [{ decision: 'accepted', status: '3' }] },
				rejectReason: '7',
				rejectMessage: 'Цена изменилась',
			},
			[{ json: { order: { id: String(a.code_order) } } }],
		);
		expect(output[0][0].json).toMatchObject({ order: { status: { code: 'mixed' } } });
		expect(sim.positions.get(a.code_order)).toMatchObject({ code_track: 3, descr_track: 'Заказано у поставщика' });
		expect(sim.positions.get(b.code_order)).toMatchObject({ code_track: 7, response: 'Цена изменилась' });

		const wrong = await runNode({ operation: 'sendStatus', decisions: { A: 'accepted' }, statusMapping: { mappings: [{ decision: 'accepted', status: '99' }] } }, [
			{ json: { order: { id: String(a.code_order) } } },
		]).catch((e) => e);
		expect(wrong.message).toMatch(/status "99" is not one ZZAP accepts/);
	});

	it('gives the Order Status Mapper the account’s own statuses as ZZAP’s live list', async () => {
		const mapper = new OrderStatusMapper();
		const context = loadOptionsContext(mapper, { parameters: { sourceSystem: 'zzap' }, credentials: credentials as never });
		const options = await mapper.methods.loadOptions.getSourceStatuses.call(context as never);
		expect(options.slice(0, 2)).toEqual([
			{ name: 'Новый (1)', value: '1' },
			{ name: 'В работе (2)', value: '2' },
		]);
		expect(options).toHaveLength(8);
	});

	it('deletes an order from processing without a call to ZZAP', async () => {
		const [a] = add([{}]);
		const deleted = await runNode({ operation: 'rejectPositions', rejectMode: 'delete' }, [{ json: { order: { id: String(a.code_order) } } }]);
		expect(deleted.output[0][0].json).toMatchObject({ deleted: true });
		expect(sim.requests.filter((r) => r.name === 'SetOrderStatusV3')).toEqual([]);
		expect((await runNode({ operation: 'getNewOrders' })).output[0]).toEqual([]);
		expect(sim.positions.get(a.code_order)?.code_track).toBe(1);
	});

	it('says the credential is wrong in the credential test and in a run, without the password', async () => {
		const ok = await node.methods.credentialTest.zzapConnectionTest.call(credentialTestFunctions() as never, { data: credentials.orderSyncZzapApi } as never);
		expect(ok).toEqual({ status: 'OK', message: 'Connected; the account has 8 order statuses' });
		const bad = await node.methods.credentialTest.zzapConnectionTest.call(credentialTestFunctions() as never, {
			data: { ...credentials.orderSyncZzapApi, password: 'not-the-password' },
		} as never);
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/login e-mail, password and API key/);

		credentials.orderSyncZzapApi.password = 'not-the-password';
		const error = await runNode({ operation: 'getNewOrders' }).catch((e) => e);
		expect(error.message).toMatch(/ZZAP refused the credential/);
		expect(JSON.stringify(error)).not.toContain('not-the-password');
	});

	it('returns an error item per unknown order with continue on fail, and a tracking number is refused', async () => {
		const [a] = add([{}]);
		const { output } = await runNode({ operation: 'getOrder' }, [{ json: { order: { id: String(a.code_order) } } }, { json: { order: { id: '1' } } }], true);
		expect(output[0].map((i) => [i.json.order ? orderOf(i).id : i.json.error, i.pairedItem])).toEqual([
			[String(a.code_order), { item: 0 }],
			[expect.stringMatching(/no position 1/), { item: 1 }],
		]);
		const tracking = await runNode({ operation: 'setTracking', trackingNumber: 'TRK' }, [{ json: { order: { id: String(a.code_order) } } }]).catch((e) => e);
		expect(tracking.message).toMatch(/no method for a tracking number/);
	});
});
