import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { ShopCapability, ShopConnector, ShopDefinition, ShopMailSwitch } from '../../lib/connectors/shop';
import { SHOPS, shopDefinition } from '../../lib/connectors/shops';
import { sharedBudget } from './budget';
import { credentialSend, type RequestContext } from './transport';

/** The "Shop" selector of the Shop nodes: one option per connector in lib/connectors/shops.ts. */
export const shopProperty = (): INodeProperties => ({
	displayName: 'Shop',
	name: 'shop',
	type: 'options',
	noDataExpression: true,
	options: SHOPS.map((shop) => ({ name: shop.name, value: shop.value, ...(shop.description ? { description: shop.description } : {}) })),
	// Saved workflows leave out a parameter at its default, so the first shop stays the default for good.
	default: 'woocommerce',
});

/** Each shop's credential, shown when that shop is selected. */
export const shopCredentials = (): INodeCredentialDescription[] =>
	SHOPS.map((shop) => ({
		name: shop.credentialType,
		required: true,
		displayOptions: { show: { shop: [shop.value] } },
	}));

/** The shops that have (or lack) an optional operation, for displayOptions. */
export const shopsWith = (capability: ShopCapability, has = true): string[] =>
	SHOPS.filter((shop) => shop.capabilities.operations[capability] === has).map((shop) => shop.value);

/** The shops whose mails for an operation the node can switch per request. */
export const shopsSwitchingMails = (operation: ShopMailSwitch, has = true): ShopDefinition[] =>
	SHOPS.filter((shop) => shop.capabilities.mails.switches.includes(operation) === has);

/** The value of a credential field as a string, trimmed; empty when absent. */
const field = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/** The selected shop's connector, its requests authenticated by n8n with the shop's credential. */
export async function connectShop(context: RequestContext, shop: string, options: { dryRun?: boolean } = {}): Promise<ShopConnector> {
	const definition = shopDefinition(shop);
	const { credentials, send } = await credentialSend(context, definition.credentialType, options);
	const url = field(credentials.url);
	const settings = Object.fromEntries((definition.settingsFields ?? []).map((name) => [name, credentials[name]]));
	return definition.create({ url, send, budget: sharedBudget, accountKey: `${definition.value}|${url.replace(/\/+$/, '')}`, settings });
}
