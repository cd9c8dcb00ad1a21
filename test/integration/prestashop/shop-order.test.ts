import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { loadOptionsContext } from '../../helpers/mapping-context';
import { execute } from '../../helpers/n8n-context';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../../simulators/prestashop';

const node = new ShopOrder();
let sim: PrestaShopSimulator;
let run = 0;

beforeEach(async () => {
	sim = await startPrestaShopSimulator();
});
afterEach(() => sim.close());

const credentials = () => ({ orderSyncPrestaShopApi: { url: sim.url, apiKey: sim.key, timeZone: sim.timeZone, urlForm: 'friendly', allowUnauthorizedCerts: false } });
const shopOrder = (parameters: Record<string, unknown>, items = [{ json: {} }]) =>
	execute(node, { parameters: { shop: 'prestashop', resource: 'order', ...parameters }, credentials: credentials(), items, continueOnFail: true, workflowId: `presta-order-${++run}` });

describe('Shop Order on PrestaShop', () => {
	it('updates states without PrestaShop mails by default, with them when switched on, each item paired', async () => {
		const ids = ['2', '3'];
		const quiet = await shopOrder({ operation: 'updateStatus', orderId: (i: number) => ids[i], status: '3' }, [{ json: {} }, { json: {} }]);
		expect(quiet.output[0].map((item) => [(item.json.order as { status: { code: string } }).status.code, item.pairedItem])).toEqual([
			['3', { item: 0 }],
			['3', { item: 1 }],
		]);
		expect(sim.mails).toEqual([]);
		await shopOrder({ operation: 'updateStatus', orderId: '2', status: '4', shopMails: true });
		expect(sim.mails.map((m) => [m.template, m.to])).toEqual([['shipped', 'jiri.dvorak@example.cz']]);
	});

	it('says what PrestaShop mails itself only when it was told to mail (the double-mail guard), as the state has it', async () => {
		const quiet = await shopOrder({ operation: 'updateStatus', orderId: '2', status: '3' });
		expect(quiet.output[0][0].json.shopMail).toBeUndefined();
		const told = await shopOrder({ operation: 'updateStatus', orderId: '2', status: '4', shopMails: true });
		expect(told.output[0][0].json.shopMail).toEqual({
			shop: 'PrestaShop',
			mail: 'Shipped (template "shipped")',
			sends: true,
			setting: 'PrestaShop → Orders → Statuses → Shipped → "Send email to customer"',
		});
		(sim.db.order_states.get('3') as Record<string, unknown>).send_email = '0';
		const off = await shopOrder({ operation: 'updateStatus', orderId: '2', status: '3', shopMails: true });
		expect(off.output[0][0].json.shopMail).toMatchObject({ mail: 'Processing in progress (template "preparation")', sends: false });
		expect(sim.mails.map((m) => m.template)).toEqual(['shipped']);
	});

	it('names the order and the fix for a state the shop lacks; the other items go through', async () => {
		const wanted = [
			{ id: '2', status: 'shipped' },
			{ id: '3', status: '4' },
		];
		const { output } = await shopOrder({ operation: 'updateStatus', orderId: (i: number) => wanted[i].id, status: (i: number) => wanted[i].status }, [{ json: {} }, { json: {} }]);
		expect(output[0][0].json.error).toMatch(/PrestaShop has no order state "shipped" to move order 2 into: give a state id/);
		expect((output[0][1].json.order as { status: { code: string } }).status.code).toBe('4');
	});

	it('in a dry run shows the order_histories POST it would send, sends no write, and nothing for an order already there', async () => {
		const ids = ['2', '1'];
		const { output } = await shopOrder({ operation: 'updateStatus', orderId: (i: number) => ids[i], status: '2', dryRun: true }, [{ json: {} }, { json: {} }]);
		const [planned, already] = output[0].map((item) => item.json.dryRun as { wouldWrite: Array<{ method: string; url: string; body: string }>; ledger: string });
		expect(planned.wouldWrite).toEqual([
			{ method: 'POST', url: `${sim.url}/api/order_histories`, body: expect.stringContaining('<order_history><id_order>2</id_order><id_order_state>2</id_order_state></order_history>') },
		]);
		expect(already).toMatchObject({ wouldWrite: [], ledger: 'already_done' });
		expect(sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
		expect(sim.history('2')).toEqual(['10']);
	});

	it('says which capability PrestaShop lacks instead of pretending', async () => {
		const { output } = await shopOrder({ operation: 'splitOrder', orderId: '2' });
		expect(output[0][0].json.error).toBe('PrestaShop has no way to split an order (order 2)');
		expect(sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
	});

	it('offers the live order states in the Status dropdown', async () => {
		const context = loadOptionsContext(node, { parameters: { shop: 'prestashop' }, credentials: credentials() });
		const options = await node.methods!.loadOptions!.getStatuses.call(context as never);
		expect(options).toContainEqual({ name: 'Payment accepted', value: '2', description: 'Canonical: confirmed' });
		expect(options).toHaveLength(13);
	});
});
