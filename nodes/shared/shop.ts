import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { ShopConnector } from '../../lib/connectors/shop';
import { SHOPS, shopDefinition } from '../../lib/connectors/shops';
import { credentialSend, type RequestContext } from './transport';

/** The "Shop" selector of the Shop nodes: one option per connector in lib/connectors/shops.ts. */
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
	const { credentials, send } = await credentialSend(context, definition.credentialType);
	return definition.create({ url: String(credentials.url), send });
}
