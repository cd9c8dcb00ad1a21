/**
 * "No change lost" without a person: a change that one of our nodes failed on is emitted again by the source's
 * next run until it is handled, and a handled change is not. POHODA Get Changes → Shop Order over the simulators.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { execute } from '../../helpers/n8n-context';
import { testStore } from '../../helpers/state';
import { startPohodaSimulator, type PohodaSimulator } from '../../simulators/pohoda';
import { startWooSimulator, type WooSimulator } from '../../simulators/woocommerce';
import { credentialsFor } from '../pohoda/support';

let pohoda: PohodaSimulator;
let woo: WooSimulator;
beforeEach(async () => {
	[pohoda, woo] = await Promise.all([startPohodaSimulator({ validate: false }), startWooSimulator()]);
	woo.seed([{ id: 501, status: 'processing' }]);
});
afterEach(async () => Promise.all([pohoda.close(), woo.close()]));

const credentials = () => ({
	orderSyncPohodaApi: credentialsFor(pohoda),
	orderSyncWooCommerceApi: { url: woo.url, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret },
});

const SHOP_ORDER = 'n8n-nodes-order-sync.shopOrder';

/** The template's source: nodes of ours follow it (by default the Shop Order node), so its changes are tracked until handled. */
const getChanges = async (childNodes: Array<{ name: string; type: string }> = [{ name: 'Shop Order', type: SHOP_ORDER }]) =>
	(await execute(new ErpOrderStatus(), { parameters: { erp: 'pohoda', operation: 'getChanges' }, credentials: credentials(), childNodes })).output[0];

/** The template's next step: the shop order takes the ERP's status; the last of our nodes in this workflow. */
const completeInShop = async (items: INodeExecutionData[]) =>
	(
		await execute(new ShopOrder(), {
			parameters: { shop: 'woocommerce', operation: 'updateStatus', orderId: '501', status: 'completed' },
			credentials: credentials(),
			items,
			continueOnFail: true,
		})
	).output[0];

const shopOrder: Order = {
	system: 'woocommerce',
	id: '501',
	number: '501',
	externalIds: { woocommerce: '501' },
	status: { code: 'processing' },
	customer: { email: 'jana@example.cz', name: 'Jana Nováková' },
	lines: [{ name: 'Mýdlo', sku: 'MYDLO', quantity: 1, unitPrice: 59 }],
};

/** The first run only remembers "now"; then the shop order is imported into POHODA, a change for the next run. */
async function importShopOrderAfterFirstRun() {
	expect(await getChanges()).toEqual([]);
	const input = [{ json: { order: shopOrder as unknown as IDataObject } }];
	await execute(new ErpOrderStatus(), {
		parameters: { erp: 'pohoda', operation: 'importOrder', order: () => input[0].json.order, shopOrderId: '501' },
		credentials: credentials(),
		items: input,
	});
}

describe('a change our node failed on', () => {
	it('is emitted again on the next run until the shop takes it, then never again', async () => {
		await importShopOrderAfterFirstRun();

		const [created] = await getChanges();
		expect(created.json).toMatchObject({ kind: 'created', syncChange: { attempt: 1 } });
		woo.failNext(500, { count: 1, path: '/orders/batch' });
		const failed = await completeInShop([created]);
		expect(failed[0].json.error).toBeDefined();
		expect(woo.orders.get(501)!.status).toBe('processing');

		// POHODA reports nothing new, but the change is not lost.
		const again = await getChanges();
		expect(again).toHaveLength(1);
		expect(again[0].json).toMatchObject({ kind: 'created', syncChange: { key: (created.json.syncChange as { key: string }).key, attempt: 2 } });
		const done = await completeInShop(again);
		expect(done[0].json.error).toBeUndefined();
		expect(done[0].json.syncChange).toEqual(again[0].json.syncChange);
		expect(woo.orders.get(501)!.status).toBe('completed');

		expect(await getChanges()).toEqual([]);
		expect(await testStore().namespace('wf:test-workflow').list('pending|')).toEqual([]);
	});

	it('handled dry, stays pending: the next run emits it again and the real run settles it', async () => {
		await importShopOrderAfterFirstRun();
		const [created] = await getChanges();
		const dry = await execute(new ShopOrder(), {
			parameters: { shop: 'woocommerce', operation: 'updateStatus', orderId: '501', status: 'completed', dryRun: true },
			credentials: credentials(),
			items: [created],
		});
		expect(dry.output[0][0].json.dryRun).toBeDefined();
		expect(woo.orders.get(501)!.status).toBe('processing');
		const again = await getChanges();
		expect(again.map((item) => item.json.syncChange)).toEqual([{ key: (created.json.syncChange as { key: string }).key, attempt: 2 }]);
		await completeInShop(again);
		expect(woo.orders.get(501)!.status).toBe('completed');
		expect(await testStore().namespace('wf:test-workflow').list('pending|')).toEqual([]);
	});

	it('is not tracked when no node of ours follows the source: nothing could settle it', async () => {
		await importShopOrderAfterFirstRun();
		const { output } = await execute(new ErpOrderStatus(), {
			parameters: { erp: 'pohoda', operation: 'getChanges' },
			credentials: credentials(),
			childNodes: ['n8n-nodes-base.slack'],
		});
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].json.syncChange).toBeUndefined();
		expect(await testStore().namespace('wf:test-workflow').list('pending|')).toEqual([]);
	});

	it('stays pending while a node of ours follows, and is settled by the last one', async () => {
		await importShopOrderAfterFirstRun();
		const [created] = await getChanges([
			{ name: 'Update status', type: SHOP_ORDER },
			{ name: 'Add note', type: SHOP_ORDER },
		]);
		const { output } = await execute(new ShopOrder(), {
			parameters: { shop: 'woocommerce', operation: 'updateStatus', orderId: '501', status: 'completed' },
			credentials: credentials(),
			items: [created],
			nodeName: 'Update status',
			childNodes: [{ name: 'Add note', type: SHOP_ORDER }],
		});
		expect(await testStore().namespace('wf:test-workflow').list('pending|')).toHaveLength(1);
		await execute(new ShopOrder(), {
			parameters: { shop: 'woocommerce', operation: 'addNote', orderId: '501', note: 'done', noteFor: 'internal' },
			credentials: credentials(),
			items: output[0],
			nodeName: 'Add note',
		});
		expect(await testStore().namespace('wf:test-workflow').list('pending|')).toEqual([]);
	});
});
