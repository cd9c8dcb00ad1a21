import { NodeOperationError, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';
import { MARKETPLACES, marketplaceDefinition } from '../../../lib/connectors/marketplaces';
import { toNodeError } from '../../shared/errors';
import { openMarketplace } from '../actions/shared';

function marketplaceOf(context: ILoadOptionsFunctions): string {
	return String(context.getCurrentNodeParameter('marketplace') ?? MARKETPLACES[0]?.value);
}

/** The marketplace's live list of reasons a seller may reject positions with. */
export async function getRejectReasons(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { connector } = await openMarketplace(this, marketplaceOf(this));
	try {
		const reasons = await connector.rejectReasons();
		return reasons.map((r) => ({ name: `${r.name} (${r.id})`, value: r.id }));
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

/** The statuses a seller may set: the account's own list where the marketplace has one (ZZAP), else the fixed one. */
export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	try {
		const definition = marketplaceDefinition(marketplaceOf(this));
		const statuses =
			definition.sellerStatuses.options.length > 0 ? definition.sellerStatuses : (await openMarketplace(this, definition.value)).connector.statuses();
		return statuses.options.map((o) => ({ name: o.name, value: o.value, description: o.description }));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message);
	}
}
