import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import type { ErpDefinition } from '../../../lib/connectors/erp';
import type { MarketplaceDefinition } from '../../../lib/connectors/marketplace';
import type { ShopConnector, ShopConnectorOptions, ShopDefinition } from '../../../lib/connectors/shop';
import { loadOptionsContext } from '../../helpers/mapping-context';
import { execute } from '../../helpers/n8n-context';

/**
 * The registry rule: a shop, an ERP and a marketplace registered here, and nowhere else, appear in every node and in
 * the Order Status Mapper. The registries are filled before the nodes are loaded, in a module registry of their own.
 */

const created: ShopConnectorOptions[] = [];

const fakeShopConnector = (): ShopConnector => ({
	system: 'fakeshop',
	displayName: 'Fake Shop',
	getOrder: async (id) => ({ system: 'fakeshop', id }) as never,
	listOrders: async () => [],
	listStatuses: async () => [
		{ code: 'wc-open', label: 'Open', canonical: 'new' },
		{ code: 'custom-packing', label: 'Packing (custom)' },
		{ code: 'draft', label: 'Draft', assignable: false },
	],
	statusLabel: () => undefined,
	updateStatuses: async () => [],
	addNote: async () => ({ noteId: '1' }),
	setTracking: async () => ({ method: 'note', order: { system: 'fakeshop', id: '1' } as never }),
	uploadInvoice: async () => ({ reference: 'r' }),
});

const fakeShop: ShopDefinition = {
	kind: 'shop',
	value: 'fakeshop',
	name: 'Fake Shop',
	credentialType: 'fakeShopApi',
	settingsFields: ['apiVersion'],
	create: (options) => {
		created.push(options);
		return fakeShopConnector();
	},
	statuses: { fixed: [{ code: 'wc-open', label: 'Open' }], live: (shop) => shop.listStatuses() },
	capabilities: {
		operations: { webhooks: false, updateLines: false, splitOrder: false, resendConfirmation: false, uploadInvoice: true, deriveFulfilment: false },
		mails: { sends: ['status changed'], switches: ['updateStatus'] },
	},
};

const fakeErp: ErpDefinition = {
	kind: 'erp',
	value: 'fakeerp',
	name: 'Fake ERP',
	notice: 'Fake ERP only reads.',
	credentialType: 'fakeErpApi',
	create: () => {
		throw new Error('not used');
	},
	statuses: { fixed: [{ code: 'E1', label: 'Entered' }, { code: 'E9', label: 'Closed' }] },
};

const fakeMarketplace: MarketplaceDefinition = {
	kind: 'marketplace',
	value: 'fakemarket',
	name: 'Fake Market',
	credentialType: 'fakeMarketApi',
	accountIdField: 'sellerId',
	defaultUrl: 'https://fake.invalid',
	sellerStatuses: { options: [{ value: 'ok', name: 'OK', description: '' }], accepted: 'ok', rejected: 'ok' },
	create: () => {
		throw new Error('not used');
	},
	statuses: { fixed: [{ code: 'M1', label: 'Awaiting' }] },
};

type NodeClass = new () => INodeType;

// Registered before any node module loads (this file's module registry is its own: other tests never see them).
const { SHOPS } = require('../../../lib/connectors/shops') as typeof import('../../../lib/connectors/shops');
const { ERPS } = require('../../../lib/connectors/erps') as typeof import('../../../lib/connectors/erps');
const { MARKETPLACES } = require('../../../lib/connectors/marketplaces') as typeof import('../../../lib/connectors/marketplaces');
SHOPS.push(fakeShop);
ERPS.push(fakeErp);
MARKETPLACES.push(fakeMarketplace);

const load = (file: string, name: string) => new (require(`../../../nodes/${file}`)[name] as NodeClass)();
const nodes = {
	ShopTrigger: load('ShopTrigger/ShopTrigger.node', 'ShopTrigger'),
	ShopOrder: load('ShopOrder/ShopOrder.node', 'ShopOrder'),
	ErpOrderStatus: load('ErpOrderStatus/ErpOrderStatus.node', 'ErpOrderStatus'),
	MarketplaceOrder: load('MarketplaceOrder/MarketplaceOrder.node', 'MarketplaceOrder'),
	OrderStatusMapper: load('OrderStatusMapper/OrderStatusMapper.node', 'OrderStatusMapper'),
};

const property = (node: INodeType, name: string, shop?: string): INodeProperties[] =>
	node.description.properties.filter(
		(p) => p.name === name && (!shop || !p.displayOptions?.show?.shop || (p.displayOptions.show.shop as string[]).includes(shop)),
	);
const optionValues = (p: INodeProperties | undefined) => ((p?.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
const credentialFor = (node: INodeType, type: string) => node.description.credentials?.find((c) => c.name === type);

describe('a system registered in its registry alone appears everywhere', () => {
	it('Shop Trigger and Shop Order offer the fake shop with its credential', () => {
		for (const node of [nodes.ShopTrigger, nodes.ShopOrder]) {
			expect(optionValues(property(node, 'shop')[0])).toEqual(['woocommerce', 'prestashop', 'idosell', 'fakeshop']);
			expect(credentialFor(node, 'fakeShopApi')).toMatchObject({ required: true, displayOptions: { show: { shop: ['fakeshop'] } } });
		}
		expect(property(nodes.ShopTrigger, 'noWebhooksNotice', 'fakeshop')[0].displayName).toBe('Fake Shop has no webhooks: set Mode to Polling.');
		expect(property(nodes.ShopTrigger, 'noWebhooksNotice', 'woocommerce')).toEqual([]);
	});

	it('Shop Order shows the fields of the capabilities each shop has, and only those', () => {
		const order = nodes.ShopOrder;
		// Fake Shop stores the PDF; WooCommerce gets the link note instead.
		expect(property(order, 'binaryPropertyName', 'fakeshop')).toHaveLength(1);
		expect(property(order, 'binaryPropertyName', 'woocommerce')).toEqual([]);
		expect(property(order, 'invoiceUrl', 'fakeshop')).toEqual([]);
		expect(property(order, 'invoiceUrl', 'woocommerce')).toHaveLength(1);
		// Who mails: Fake Shop takes a per-request switch on Update Status, WooCommerce only a notice.
		const switches = order.description.properties.filter((p) => p.name === 'shopMails');
		expect(switches.map((p) => [p.displayName, p.displayOptions?.show?.operation, p.displayOptions?.show?.shop])).toEqual([
			['WooCommerce Mails', ['splitOrder'], ['woocommerce']],
			['PrestaShop Mails the Customer', ['updateStatus'], ['prestashop']],
			['IdoSell Mails the Customer', ['updateStatus'], ['idosell']],
			['Fake Shop Mails the Customer', ['updateStatus'], ['fakeshop']],
		]);
		expect(property(order, 'shopMailsNotice', 'woocommerce')).toHaveLength(1);
		expect(property(order, 'shopMailsNotice', 'fakeshop')).toEqual([]);
		expect(property(order, 'notifyCustomer', 'fakeshop')).toEqual([]);
	});

	it('Shop Order names the shop and the missing capability instead of pretending', async () => {
		const { output } = await execute(nodes.ShopOrder, {
			parameters: { shop: 'fakeshop', resource: 'order', operation: 'splitOrder', orderId: '7' },
			credentials: { fakeShopApi: { url: 'https://fake.invalid/', apiVersion: 'v3', apiKey: 'secret' } },
			items: [{ json: {} }],
			continueOnFail: true,
			workflowId: `registry-${Math.random()}`,
		});
		expect(output[0][0].json).toEqual({ error: 'Fake Shop has no way to split an order (order 7)', orderId: '7' });
		expect(created.at(-1)).toMatchObject({ url: 'https://fake.invalid/', accountKey: 'fakeshop|https://fake.invalid', settings: { apiVersion: 'v3' } });
		expect(created.at(-1)?.settings).not.toHaveProperty('apiKey');
		expect(typeof created.at(-1)?.budget).toBe('function');
	});

	it('ERP Order Status offers the fake ERP with its credential and notice', () => {
		const erp = nodes.ErpOrderStatus;
		expect(optionValues(property(erp, 'erp')[0])).toEqual(['pohoda', 'fakeerp', 'generic']);
		expect(credentialFor(erp, 'fakeErpApi')).toMatchObject({ displayOptions: { show: { erp: ['fakeerp'] } } });
		expect(property(erp, 'fakeerpNotice')[0]).toMatchObject({ displayName: 'Fake ERP only reads.', displayOptions: { show: { erp: ['fakeerp'] } } });
	});

	it('Marketplace Order offers the fake marketplace with its credential', () => {
		expect(optionValues(property(nodes.MarketplaceOrder, 'marketplace')[0])).toEqual(['ozon', 'zzap', 'fakemarket']);
		expect(credentialFor(nodes.MarketplaceOrder, 'fakeMarketApi')).toMatchObject({ displayOptions: { show: { marketplace: ['fakemarket'] } } });
	});

	it('the Order Status Mapper offers all three, with labels, the live list credential and status lists', async () => {
		const mapper = nodes.OrderStatusMapper;
		const systems = (property(mapper, 'sourceSystem')[0].options ?? []) as INodePropertyOptions[];
		expect(systems.map((s) => [s.value, s.name])).toEqual([
			['woocommerce', 'WooCommerce'],
			['prestashop', 'PrestaShop'],
			['idosell', 'IdoSell'],
			['fakeshop', 'Fake Shop'],
			['pohoda', 'POHODA'],
			['fakeerp', 'Fake ERP'],
			['ozon', 'Ozon'],
			['zzap', 'ZZAP'],
			['fakemarket', 'Fake Market'],
			['enova365', 'Enova365'],
			['canonical', 'Canonical (Order Sync)'],
			['other', 'Other'],
		]);
		expect(optionValues(property(mapper, 'targetSystem')[0])).toEqual(systems.map((s) => s.value));
		// Only systems with a live list need a credential, once per type.
		expect(mapper.description.credentials?.map((c) => c.name)).toEqual(['orderSyncWooCommerceApi', 'orderSyncPrestaShopApi', 'orderSyncIdoSellApi', 'fakeShopApi', 'orderSyncZzapApi']);

		const statuses = (parameters: Record<string, string>, credentials = {}) => {
			const context = loadOptionsContext(mapper, { parameters, credentials });
			const method = parameters.sourceSystem ? 'getSourceStatuses' : 'getTargetStatuses';
			return mapper.methods!.loadOptions![method].call(context as never);
		};
		const credentials = { fakeShopApi: { url: 'https://fake.invalid' } };
		// Live through the credential: custom statuses in, as a target the unassignable one out.
		expect(await statuses({ sourceSystem: 'fakeshop' }, credentials)).toEqual([
			{ name: 'Open (wc-open)', value: 'wc-open' },
			{ name: 'Packing (custom) (custom-packing)', value: 'custom-packing' },
			{ name: 'Draft (draft)', value: 'draft' },
		]);
		expect((await statuses({ targetSystem: 'fakeshop' }, credentials)).map((o) => o.value)).toEqual(['wc-open', 'custom-packing']);
		// Without a credential, the definition's fixed list; ERPs and marketplaces without a live list, theirs.
		expect(await statuses({ sourceSystem: 'fakeshop' })).toEqual([{ name: 'Open (wc-open)', value: 'wc-open' }]);
		expect((await statuses({ sourceSystem: 'fakeerp' })).map((o) => o.value)).toEqual(['E1', 'E9']);
		expect((await statuses({ targetSystem: 'fakemarket' })).map((o) => o.value)).toEqual(['M1']);
	});
});

describe('the nodes follow the registries', () => {
	it.each(SHOPS.map((shop) => [shop.value, shop] as const))("%s's capabilities are the optional members its connector has", (_, shop) => {
		const connector = shop.create({ url: 'https://shop.invalid', send: async () => Promise.reject(new Error('no request expected')) });
		const members = { ...shop.capabilities.operations, applyLineDiff: shop.capabilities.operations.updateLines };
		expect(Object.fromEntries(Object.keys(members).map((member) => [member, connector[member as keyof ShopConnector] !== undefined]))).toEqual(members);
	});

	const sources = (dir: string): string[] =>
		fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) return sources(file);
			return file.endsWith('.ts') ? [file] : [];
		});

	it('no node shows a field for a registered system by naming it in its source', () => {
		const registered = [...SHOPS, ...ERPS, ...MARKETPLACES].map((system) => system.value).filter((value) => !value.startsWith('fake'));
		const named = new RegExp(`\\b(shop|erp|marketplace|sourceSystem|targetSystem):\\s*\\[[^\\]]*['"](${registered.join('|')})['"]`);
		// The ERP node's operations are POHODA's own (mServer import, invoice, print): a new ERP brings its own.
		const own = new Set([path.join('nodes', 'ErpOrderStatus', 'description.ts')]);
		const root = path.join(__dirname, '../../..');
		const offenders = sources(path.join(root, 'nodes'))
			.map((file) => path.relative(root, file))
			.filter((file) => !own.has(file) && named.test(fs.readFileSync(path.join(root, file), 'utf8')));
		expect(registered).toEqual(expect.arrayContaining(['woocommerce', 'pohoda', 'ozon']));
		expect(offenders).toEqual([]);
	});
});
