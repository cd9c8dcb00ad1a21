import type { IExecuteFunctions, ILoadOptionsFunctions, INodeCredentialDescription } from 'n8n-workflow';
import type { SystemStatus } from '../../lib/connectors/registry';
import { registeredSystems, type AnySystemDefinition } from '../../lib/connectors/systems';
import { openMarketplace } from '../MarketplaceOrder/actions/shared';
import { connectErp } from './erp';
import { connectShop } from './shop';

/** The system's live status list through its credential; undefined when it has none. */
export async function liveStatuses(context: IExecuteFunctions | ILoadOptionsFunctions, definition: AnySystemDefinition): Promise<SystemStatus[] | undefined> {
	switch (definition.kind) {
		case 'shop':
			return definition.statuses.live?.(await connectShop(context, definition.value));
		case 'erp':
			return definition.statuses.live?.(await connectErp(context, definition.value));
		case 'marketplace':
			return definition.statuses.live?.((await openMarketplace(context, definition.value)).connector);
	}
}

/**
 * One optional credential per registered system with a live status list, for nodes that only read status lists.
 * One entry per type: n8n finds a node's credential by type (the first entry) and refuses it when that entry's
 * displayOptions hide it, so it cannot depend on which side of the mapping the system is.
 */
export function statusListCredentials(show: Record<string, string[]>): INodeCredentialDescription[] {
	const types = new Set(registeredSystems().filter((system) => system.statuses.live).map((system) => system.credentialType));
	return [...types].map((name) => ({ name, required: false, displayOptions: { show } }));
}
