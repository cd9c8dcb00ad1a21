import { NodeOperationError, type IHookFunctions, type IPollFunctions, type IWebhookFunctions } from 'n8n-workflow';
import type { ShopConnector, ShopWebhooks } from '../../../lib/connectors/shop';
import { SHOPS } from '../../../lib/connectors/shops';
import { connectShop } from '../../shared/shop';

export type TriggerContext = IHookFunctions | IWebhookFunctions | IPollFunctions;

/** The connector of the shop chosen in "Shop", its requests authenticated with the shop's credential. */
export const selectedShop = (context: TriggerContext) => connectShop(context, context.getNodeParameter('shop', SHOPS[0]?.value) as string);

/** The shop's webhook support; a shop without it asks for Polling mode. */
export function webhooksOf(shop: ShopConnector, context: IHookFunctions | IWebhookFunctions): ShopWebhooks {
	if (!shop.webhooks) {
		throw new NodeOperationError(context.getNode(), `${shop.displayName} cannot send webhooks`, {
			description: 'Set "Mode" to "Polling".',
		});
	}
	return shop.webhooks;
}
