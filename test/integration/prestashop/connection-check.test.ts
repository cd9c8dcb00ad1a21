import { PrestaShopShop, shopTimeToIso } from '../../../lib/connectors/prestashop';
import { nodeHttpSend, type HttpSend } from '../../../lib/transport';
import { ShopOrder } from '../../../nodes/ShopOrder/ShopOrder.node';
import { ShopTrigger } from '../../../nodes/ShopTrigger/ShopTrigger.node';
import { credentialTestFunctions } from '../../helpers/credential-test';
import { startPrestaShopSimulator, type PrestaShopSimulator, type PrestaShopSimulatorOptions } from '../../simulators/prestashop';
import { PRESTASHOP_VERSIONS } from './connector-contract';

const keyed = (key: string): HttpSend => {
	const plain = nodeHttpSend();
	return (request) => plain({ ...request, headers: { ...request.headers, authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` } });
};

let sim: PrestaShopSimulator | undefined;
afterEach(async () => {
	await sim?.close();
	sim = undefined;
});

async function connect(options: PrestaShopSimulatorOptions = {}, key?: string): Promise<PrestaShopShop> {
	sim = await startPrestaShopSimulator(options);
	return new PrestaShopShop({ url: sim.url, send: keyed(key ?? sim.key), settings: { timeZone: sim.timeZone }, transport: { retry: { maxRetries: 0 } } });
}

describe('PrestaShop credential test (checkConnection) against the simulator', () => {
	it.each(PRESTASHOP_VERSIONS)('names the shop, its release %s, what the key reads, and the state mails PrestaShop sends on its own', async (version) => {
		const check = await (await connect({ version, shopName: 'Obchod & Co' })).checkConnection();
		expect(check.reached).toBe(`Connected to Obchod & Co (PrestaShop ${version}); the key reads orders (one read) and 13 order states`);
		// Every default state with a template mails, except Delivered (no template).
		expect(check.ownMails).toHaveLength(12 + 2);
		expect(check.ownMails).toContain(
			'Shipped (template "shipped", sent only when Shop Order\'s "PrestaShop Mails the Customer" is on, turn off: PrestaShop → Orders → Statuses → Shipped → "Send email to customer")',
		);
		expect(check.ownMails.join('\n')).not.toMatch(/^Delivered/m);
		expect(check.ownMails.some((mail) => mail.startsWith('In transit'))).toBe(true);
		expect(check.ownMails.some((mail) => mail.startsWith('Order confirmation') && mail.includes('always'))).toBe(true);
		expect(sim?.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET ', 'GET orders', 'GET order_states', 'GET languages']);
	});

	it('leaves out a state whose customer mail the merchant turned off, and names a custom state that mails', async () => {
		const shop = await connect();
		(sim?.db.order_states.get('4') as Record<string, unknown>).send_email = '0';
		sim?.addState({ '1': 'Ready for pickup', '2': 'Pripravená', '3': 'Připravena' }, { send_email: '1', template: 'ready_pickup' });
		const { reached, ownMails } = await shop.checkConnection();
		expect(reached).toMatch(/and 14 order states$/);
		expect(ownMails.some((mail) => mail.startsWith('Shipped'))).toBe(false);
		expect(ownMails).toContain(
			'Ready for pickup (template "ready_pickup", sent only when Shop Order\'s "PrestaShop Mails the Customer" is on, turn off: PrestaShop → Orders → Statuses → Ready for pickup → "Send email to customer")',
		);
	});

	it('says the key was refused for a wrong key, without echoing it', async () => {
		const wrong = 'WRONGKEY0123456789ABCDEFGHIJKLMN';
		const error = await (await connect({}, wrong)).checkConnection().catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/PrestaShop refused the webservice key .*No permission for this authentication key.*Advanced Parameters → Webservice/);
		expect((error as Error).message).not.toContain(wrong);
	});

	it('fails naming the resources an order read needs that the key may not read', async () => {
		const shop = await connect({ rights: { order_states: [], customers: ['POST'] } });
		await expect(shop.checkConnection()).rejects.toThrow(
			'The webservice key may not read order_states, customers, which reading orders needs: allow GET on them for the key (Advanced Parameters → Webservice → the key → Permissions)',
		);
		// Nothing beyond the root was asked.
		expect(sim?.requests.map((r) => r.path)).toEqual(['']);
	});

	it('passes a read-only key and says which operations it cannot do', async () => {
		const readOnly = ['GET', 'HEAD'];
		const shop = await connect({ rights: { order_histories: readOnly, order_carriers: readOnly, customer_messages: [] } });
		const { reached } = await shop.checkConnection();
		expect(reached).toMatch(/; it may not POST order_histories \(Update Status\), PUT order_carriers \(Set Tracking\), POST customer_messages \(Add Note\)$/);
	});

	it('works without friendly URLs and on a shop without orders', async () => {
		sim = await startPrestaShopSimulator({ friendlyUrls: false, empty: true });
		const shop = new PrestaShopShop({ url: sim.url, send: keyed(sim.key), settings: { timeZone: sim.timeZone, urlForm: 'query' } });
		expect((await shop.checkConnection()).reached).toMatch(/the key reads orders \(the shop has none yet\) and 13 order states/);
	});
});

describe('PrestaShop credential test through Shop Order and Shop Trigger', () => {
	it('is wired as testedBy on both nodes, reports what it reached and the shop\'s own mails, and refuses a wrong key without echoing it', async () => {
		sim = await startPrestaShopSimulator({ version: '9.0.1' });
		const credential = { url: sim.url, apiKey: sim.key, timeZone: '', urlForm: 'friendly', allowUnauthorizedCerts: false };
		for (const node of [new ShopOrder(), new ShopTrigger()]) {
			expect(node.description.credentials?.find((c) => c.name === 'orderSyncPrestaShopApi')?.testedBy).toBe('prestashopConnectionTest');
			const test = node.methods.credentialTest.prestashopConnectionTest;
			const ok = await test.call(credentialTestFunctions() as never, { data: credential } as never);
			expect(ok.status).toBe('OK');
			expect(ok.message).toMatch(/^Connected to Real Presta \(PrestaShop 9\.0\.1\); the key reads orders \(one read\) and 13 order states\. PrestaShop itself mails customers: Awaiting check payment \(template "cheque", /);
			expect(ok.message).toContain('Order confirmation and the first state\'s mail at checkout (always, sent by PrestaShop itself, not through the webservice).');
		}
		const wrong = 'WRONGKEY0123456789ABCDEFGHIJKLMN';
		const bad = await new ShopOrder().methods.credentialTest.prestashopConnectionTest.call(credentialTestFunctions() as never, { data: { ...credential, apiKey: wrong } } as never);
		expect(bad).toEqual({ status: 'Error', message: expect.stringMatching(/^PrestaShop refused the webservice key/) });
		expect(bad.message).not.toContain(wrong);
		expect(sim.requests.every((r) => r.method === 'GET')).toBe(true);
	});
});

describe('PrestaShop ownMail (the double-mail guard) against the simulator', () => {
	it('answers from the state: its template, whether "Send email to customer" is on, and where to turn it off; read once', async () => {
		const shop = await connect();
		expect(await shop.ownMail('4')).toEqual({ mail: 'Shipped (template "shipped")', enabled: true, setting: 'PrestaShop → Orders → Statuses → Shipped → "Send email to customer"' });
		(sim?.db.order_states.get('2') as Record<string, unknown>).send_email = '0';
		expect(await shop.ownMail('5')).toBeUndefined();
		expect(await shop.ownMail('999')).toBeUndefined();
		const reads = sim?.requests.filter((r) => r.path === 'order_states').length;
		expect(reads).toBe(1);
		// The states were read before the change: a new connector sees the mail turned off.
		const fresh = new PrestaShopShop({ url: sim!.url, send: keyed(sim!.key), settings: { timeZone: sim!.timeZone } });
		expect(await fresh.ownMail('2')).toEqual({ mail: 'Payment accepted (template "payment")', enabled: false, setting: 'PrestaShop → Orders → Statuses → Payment accepted → "Send email to customer"' });
	});
});

describe('PrestaShop lastStatusChange (order_histories) against the simulator', () => {
	it('is the state before the current one and when the order entered it, skipping the state posted twice', async () => {
		const shop = await connect();
		sim?.setState('2', '3');
		sim?.setState('2', '4');
		const entered = sim?.history('2');
		sim?.setState('2', '4');
		expect(entered).toEqual(['10', '3', '4']);
		const rows = [...sim!.db.order_histories.values()].filter((row) => row.id_order === '2');
		const change = await shop.lastStatusChange(await shop.getOrder('2'));
		expect(change).toEqual({ from: '3', at: shopTimeToIso(String(rows[2].date_add), sim!.timeZone) });
		// An order in its first state: when it was placed, nothing before.
		const first = await shop.lastStatusChange(await shop.getOrder('1'));
		expect(first).toEqual({ at: expect.stringMatching(/Z$/) });
		// Back into a state it had before: the one it left last.
		sim?.setState('2', '3');
		expect((await shop.lastStatusChange(await shop.getOrder('2'))).from).toBe('4');
	});
});
