import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { toNodeError } from '../../shared/errors';
import { connectShop } from '../../shared/shop';

/** The shop's own statuses an order can be moved into, custom ones included. */
export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const shop = await connectShop(this, this.getCurrentNodeParameter('shop') as string);
	try {
		return (await shop.listStatuses()).filter((status) => status.assignable !== false).map((status) => ({
			name: status.label,
			value: status.code,
			description: status.canonical ? `Canonical: ${status.canonical}` : 'Custom status',
		}));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
