/**
 * IdoSell behind the nodes, over real HTTP: Shop Trigger polling, Shop Order's Update Status with the who-mails
 * switch, and the Order Status Mapper checking its table against IdoSell's live statuses and dropping the echo of a
 * status Shop Order wrote.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { credentialTestFunctions } from '../../helpers/credential-test';
import { execute } from '../../helpers/n8n-context';
import { poll } from '../../helpers/trigger-context';
import { startIdoSellSimulator, type IdoSellSimulator } from '../../simulators/idosell';

let sim: IdoSellSimulator;
let run = 0;
const credentials = (timeZone = sim.timeZone) => ({ orderSyncIdoSellApi: { url: sim.url, apiKey: sim.apiKey, timeZone, allowUnauthorizedCerts: false } });
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toLocaleString('sv-SE', { timeZone: sim.timeZone });
const tick = () => new Promise((resolve) => setTimeout(resolve, 1100));

beforeEach(async () => {
	sim = await startIdoSellSimulator({ rateLimitPerSecond: 1000 });
	for (const serial of [3001, 3002]) sim.addOrder({ orderSerialNumber: serial, orderStatus: 'new', orderAddDate: daysAgo(2), orderChangeDate: daysAgo(2) });
});
afterEach(() => sim.close());

describe('IdoSell behind the Shop nodes', () => {
	it('Shop Trigger polls IdoSell: starts at the latest change, then reports a panel change once', async () => {
		const staticData: Record<string, IDataObject> = {};
		const options = { parameters: { shop: 'idosell', mode: 'polling', events: ['statusChanged'], overlapSeconds: 120 }, credentials: credentials(), staticData, workflowId: `idosell-trigger-${++run}` };
		expect(await poll(new ShopTrigger(), options)).toBeNull();
		sim.setStatusByStaff(3001, 'packed_ready');
		const first = await poll(new ShopTrigger(), options);
		expect(first?.[0].map((i) => i.json)).toEqual([
			expect.objectContaining({ kind: 'status_changed', previousStatus: { code: 'new', label: 'Not handled' }, newStatus: { code: 'packed_ready', label: 'Packed' } }),
		]);
		expect(await poll(new ShopTrigger(), options)).toBeNull();
		const searches = sim.requests.filter((r) => r.path.endsWith('/orders/orders/search')).map((r) => JSON.stringify(r.body));
		expect(searches.every((body) => body.startsWith('{"params":'))).toBe(true);
	});

	it('Shop Order sets statuses with IdoSell\'s own mail off by default and on when switched, one result per item', async () => {
		const base = { shop: 'idosell', resource: 'order', operation: 'updateStatus' };
		const items: INodeExecutionData[] = [{ json: { id: '3001', to: 'on_order' } }, { json: { id: '9999', to: 'on_order' } }];
		const { output } = await execute(new ShopOrder(), {
			parameters: { ...base, orderId: (i: number) => items[i].json.id, status: (i: number) => items[i].json.to },
			credentials: credentials(),
			items,
			continueOnFail: true,
			workflowId: `idosell-order-${++run}`,
		});
		expect(output[0].map((i) => i.json.error ?? (i.json.order as IDataObject).status)).toEqual([
			{ code: 'on_order', label: 'In progress' },
			expect.stringMatching(/9999.*was not found/),
		]);
		expect(output[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sim.mails).toEqual([]);

		await execute(new ShopOrder(), {
			parameters: { ...base, orderId: '3002', status: 'ready', shopMails: true },
			credentials: credentials(),
			items: [{ json: {} }],
			workflowId: `idosell-order-${++run}`,
		});
		expect(sim.mails.map((m) => `${m.orderSerialNumber}:${m.channel}:${m.status}`)).toEqual(['3002:mail:ready', '3002:sms:ready']);
	});

	it('the Mapper stops naming an IdoSell status no row maps, read live through the credential', async () => {
		sim.customStatuses.push({ id: 102, panelName: 'Czeka na kuriera', parent: 'packed' });
		const error = await execute(new OrderStatusMapper(), {
			parameters: { operation: 'mapStatus', sourceSystem: 'enova365', targetSystem: 'idosell', direction: 'both', preset: 'enova365_idosell', requireComplete: true, unmapped: 'stop' },
			credentials: credentials(),
			items: [{ json: { system: 'enova365', kind: 'status_changed', newStatus: { code: 'Potwierdzony' }, order: { system: 'enova365', id: 'ZO/1', externalIds: { shop: '3001' }, status: { code: 'Potwierdzony' }, customer: {}, lines: [] } } }],
			workflowId: `idosell-mapper-${++run}`,
		}).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('"102" (Czeka na kuriera)');
		expect(sim.requests.some((r) => r.path.endsWith('/orders/statuses'))).toBe(true);
	});

	it('a status Shop Order wrote comes back through the trigger and the Both Ways mapper drops it as its echo', async () => {
		const workflowId = `idosell-echo-${++run}`;
		const staticData: Record<string, IDataObject> = {};
		const trigger = { parameters: { shop: 'idosell', mode: 'polling', events: ['statusChanged'], overlapSeconds: 120 }, credentials: credentials(), staticData, workflowId };
		expect(await poll(new ShopTrigger(), trigger)).toBeNull();
		await tick();
		await execute(new ShopOrder(), {
			parameters: { shop: 'idosell', resource: 'order', operation: 'updateStatus', orderId: '3001', status: 'on_order' },
			credentials: credentials(),
			items: [{ json: {} }],
			staticData,
			workflowId,
		});
		sim.setStatusByStaff(3002, 'packed_ready');
		const events = (await poll(new ShopTrigger(), trigger))?.[0] ?? [];
		expect(events.map((e) => (e.json.order as IDataObject).id).sort()).toEqual(['3001', '3002']);
		const { output } = await execute(new OrderStatusMapper(), {
			parameters: { operation: 'mapStatus', sourceSystem: 'enova365', targetSystem: 'idosell', direction: 'both', preset: 'enova365_idosell', requireComplete: true, unmapped: 'stop' },
			credentials: credentials(),
			items: events,
			staticData,
			workflowId,
		});
		const mapped = output.flat().map((i) => [(i.json.order as IDataObject).id, (i.json.status as IDataObject).to]);
		expect(mapped).toEqual([['3002', 'Zaakceptowany']]);
	});

	it('the credential test (Shop Order and Shop Trigger) reads the clock and the statuses, names IdoSell\'s own mails and refuses a wrong key', async () => {
		const credential = credentials().orderSyncIdoSellApi;
		for (const node of [new ShopOrder(), new ShopTrigger()]) {
			expect(node.description.credentials?.find((c) => c.name === 'orderSyncIdoSellApi')?.testedBy).toBe('idosellConnectionTest');
			const ok = await node.methods.credentialTest.idosellConnectionTest.call(credentialTestFunctions() as never, { data: credential } as never);
			expect(ok.status).toBe('OK');
			expect(ok.message).toMatch(/^Connected to IdoSell at .*; the key reads orders and 17 order statuses .*\. IdoSell itself mails customers: Every status change made through the API: an e-mail and an SMS/);
		}
		const bad = await new ShopOrder().methods.credentialTest.idosellConnectionTest.call(credentialTestFunctions() as never, { data: { ...credential, apiKey: 'wrong-key-9' } } as never);
		expect(bad).toMatchObject({ status: 'Error', message: expect.stringMatching(/HTTP 401/) });
		expect(bad.message).not.toContain('wrong-key-9');
		expect(sim.requests.every((r) => r.method === 'GET')).toBe(true);
	});

	it('Update Status says which mail IdoSell sends only when it is let mail', async () => {
		const run1 = await execute(new ShopOrder(), {
			parameters: { shop: 'idosell', resource: 'order', operation: 'updateStatus', orderId: '3001', status: 'ready', shopMails: true },
			credentials: credentials(),
			items: [{ json: {} }],
			workflowId: `idosell-ownmail-${++run}`,
		});
		expect(run1.output[0][0].json.shopMail).toMatchObject({ shop: 'IdoSell', mail: 'Order status "Dispatched" (e-mail and SMS)', sends: true });
		const run2 = await execute(new ShopOrder(), {
			parameters: { shop: 'idosell', resource: 'order', operation: 'updateStatus', orderId: '3002', status: 'ready' },
			credentials: credentials(),
			items: [{ json: {} }],
			workflowId: `idosell-ownmail-${++run}`,
		});
		expect(run2.output[0][0].json.shopMail).toBeUndefined();
		expect(sim.mails.map((m) => `${m.orderSerialNumber}:${m.channel}`)).toEqual(['3001:mail', '3001:sms']);
	});
});
