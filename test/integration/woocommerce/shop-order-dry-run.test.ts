/**
 * Shop Order dry over the WooCommerce simulator: every write operation leaves the shop's request log with reads only,
 * shows the request it would send, moves no ledger entry, and the real run afterwards sends that very request.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { WooLineItem } from '../../../lib/connectors/woocommerce/wire';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { execute } from '../../helpers/n8n-context';
import { testStore } from '../../helpers/state';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';

const node = new ShopOrder();
let sim: WooSimulator;
beforeEach(async () => {
	sim = await startWooSimulator({
		seed: {
			products: [{ id: 11, sku: 'BEANS', name: 'Espresso beans', price: '18.90', stock_quantity: 20 }],
			orders: [
				{ id: 101, status: 'processing', line_items: [{ product_id: 11, quantity: 2 } as WooLineItem] },
				{ id: 102, status: 'processing', line_items: [{ product_id: 11, quantity: 1 } as WooLineItem] },
			],
		},
	});
});
afterEach(() => sim.close());

const run = async (parameters: Record<string, unknown>, items: INodeExecutionData[] = [{ json: {} }]) =>
	(
		await execute(node, {
			parameters: { resource: 'order', shop: 'woocommerce', ...parameters },
			items,
			credentials: { orderSyncWooCommerceApi: { url: sim.url, consumerKey: 'ck_test', consumerSecret: 'cs_test' } },
			workflowId: 'dry-shop',
		} as never)
	).output[0];
const writes = () => sim.requests.filter((r) => r.method !== 'GET');
const actions = async () => (await testStore().namespace('instance').list('act|')).length + (await testStore().namespace('wf:dry-shop').list('')).length;
type Planned = { wouldWrite: Array<{ method: string; url: string; body: IDataObject }>; complete: boolean; ledger: string };

test('Update Status dry: one batch shown per dry items, nothing written; the real run sends that batch', async () => {
	const items = [{ json: { id: '101' } }, { json: { id: '102' } }];
	const parameters = { operation: 'updateStatus', orderId: (i: number) => items[i].json.id, status: 'completed' };
	const dry = await run({ ...parameters, dryRun: true }, items);
	expect(writes()).toEqual([]);
	expect(await actions()).toBe(0);
	const planned = dry.map((item) => item.json.dryRun as Planned);
	expect(planned[0]).toEqual(planned[1]);
	expect(planned[0]).toMatchObject({ complete: true, ledger: 'would_do', wouldWrite: [{ method: 'POST', url: expect.stringMatching(/\/orders\/batch$/) }] });
	expect(dry.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(JSON.stringify(planned[0])).not.toMatch(/ck_test|cs_test/);

	await run(parameters, items);
	expect(writes().map((r) => r.body)).toEqual([planned[0].wouldWrite[0].body]);
});

test('Add Note dry shows the note request; the real run sends it; secrets never appear', async () => {
	const parameters = { operation: 'addNote', orderId: '101', note: 'Balík je na ceste <b>&</b>', noteType: 'customer' };
	const [dry] = await run({ ...parameters, dryRun: true });
	expect(writes()).toEqual([]);
	const planned = dry.json.dryRun as Planned;
	expect(planned.wouldWrite[0]).toMatchObject({ method: 'POST', url: expect.stringMatching(/\/orders\/101\/notes$/) });
	await run(parameters);
	expect(writes().map((r) => r.body)).toEqual([planned.wouldWrite[0].body]);
});
