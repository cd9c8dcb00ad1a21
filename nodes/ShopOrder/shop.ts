import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { ShopConnector } from '../../lib/connectors/shop';
import { SHOPS, shopDefinition } from '../../lib/connectors/shops';
import { n8nSend, type RequestContext } from '../shared/transport';

/** The "Shop" selector shared by the Shop nodes: one option per connector in lib/connectors/shops.ts. */
export const shopProperty: INodeProperties = {
	displayName: 'Shop',
	name: 'shop',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(SHOPS).map(([value, shop]) => ({ name: shop.displayName, value })),
	default: 'woocommerce',
};

/** Each shop's credential, shown when that shop is selected. */
export const shopCredentials: INodeCredentialDescription[] = Object.entries(SHOPS).map(([value, shop]) => ({
	name: shop.credentialType,
	required: true,
	displayOptions: { show: { shop: [value] } },
}));

/** The selected shop's connector, its requests authenticated by n8n with the shop's credential. */
export async function connectShop(context: RequestContext, shop: string): Promise<ShopConnector> {
	const definition = shopDefinition(shop);
	const credentials = await context.getCredentials(definition.credentialType);
	const send = n8nSend(context, definition.credentialType, { allowUnauthorizedCerts: credentials.allowUnauthorizedCerts === true });
	return definition.create({ url: String(credentials.url), send });
}
