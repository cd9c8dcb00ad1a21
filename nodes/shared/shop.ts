import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { ShopCapability, ShopConnector, ShopDefinition, ShopMailSwitch } from '../../lib/connectors/shop';
import { SHOPS, shopDefinition } from '../../lib/connectors/shops';
import type { BudgetFactory, HttpSend } from '../../lib/transport';
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
		...(shop.credentialTest ? { testedBy: shop.credentialTest } : {}),
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

/**
 * A shop's connector from its credential's fields and a sender; shared rate budgets when given (a credential test
 * has no state store).
 */
export function shopFromCredentials(
	definition: ShopDefinition,
	credentials: ICredentialDataDecryptedObject,
	send: HttpSend,
	budget?: BudgetFactory,
): ShopConnector {
	const url = field(credentials.url);
	const settings = Object.fromEntries((definition.settingsFields ?? []).map((name) => [name, credentials[name]]));
	// A field that may be the secret (a token) keys the budget by its hash only.
	const accountKey = definition.accountKeyField
		? createHash('sha256').update(`${definition.value}:${field(credentials[definition.accountKeyField])}`).digest('hex').slice(0, 24)
		: `${definition.value}|${url.replace(/\/+$/, '')}`;
	return definition.create({ url, send, budget, accountKey, settings });
}

/** The selected shop's connector, its requests authenticated by n8n with the shop's credential. */
export async function connectShop(context: RequestContext, shop: string, options: { dryRun?: boolean } = {}): Promise<ShopConnector> {
	const definition = shopDefinition(shop);
	const { credentials, send } = await credentialSend(context, definition.credentialType, options);
	return shopFromCredentials(definition, credentials, send, sharedBudget);
}
