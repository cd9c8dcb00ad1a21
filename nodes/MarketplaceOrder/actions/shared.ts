import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import type { MarketplaceConnector, RejectReason } from '../../../lib/connectors/marketplace';
import { marketplaceDefinition } from '../../../lib/connectors/marketplaces';
import type { Ledger } from '../../../lib/ledger';
import type { Order } from '../../../lib/model';
import { sharedBudget } from '../../shared/budget';
import { settingsOf } from '../../shared/erp';
import { DryRunWrite } from '../../../lib/transport';
import { dryWriteOutcome } from '../../shared/dry-run';
import { toNodeError } from '../../shared/errors';
import { outputItem } from '../../shared/items';
import { credentialSend } from '../../shared/transport';

export interface Marketplace {
	connector: MarketplaceConnector;
	system: string;
	accountId: string;
}

/** The marketplace's connector; in a dry run it sends reads only and stops at the first write. */
export async function openMarketplace(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	marketplace: string,
	options: { dryRun?: boolean } = {},
): Promise<Marketplace> {
	const definition = marketplaceDefinition(marketplace);
	const { credentials, send } = await credentialSend(context, definition.credentialType, options);
	const accountId = String(credentials[definition.accountIdField] ?? '').trim();
	const settings = settingsOf(credentials, definition.settingsFields);
	const connector = definition.create({ url: String(credentials.url || definition.defaultUrl), accountId, send, budget: sharedBudget, settings });
	await connector.loadStatuses?.();
	return { connector, system: connector.system, accountId };
}

/** Reads `a.b.c` from an item. */
export function readField(json: IDataObject, path: string): unknown {
	if (path in json) return json[path];
	return path.split('.').reduce<unknown>((value, part) => (value as IDataObject | undefined)?.[part], json);
}

/** The reject reason chosen in the node, checked against the marketplace's live list once per execution. */
export class ReasonChooser {
	private known?: Map<string, string>;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly connector: MarketplaceConnector,
	) {}

	async reason(itemIndex: number): Promise<RejectReason | undefined> {
		const id = String(this.context.getNodeParameter('rejectReason', itemIndex, '') ?? '').trim();
		if (!id) return undefined;
		this.known ??= new Map((await this.connector.rejectReasons()).map((r) => [r.id, r.name]));
		if (!this.known.has(id)) {
			const list = [...this.known].map(([key, name]) => `${key} (${name})`).join(', ');
			throw new NodeOperationError(this.context.getNode(), `Reject reason "${id}" is not one ${this.connector.displayName} offers`, {
				itemIndex,
				description: `Choose a reason from the list. ${this.connector.displayName} offers: ${list}`,
			});
		}
		const message = String(this.context.getNodeParameter('rejectMessage', itemIndex, '') ?? '').trim();
		return { id, message: message || this.known.get(id) };
	}

	async required(itemIndex: number, orderId: string): Promise<RejectReason> {
		const reason = await this.reason(itemIndex);
		if (!reason) {
			throw new NodeOperationError(this.context.getNode(), `Order ${orderId}: rejecting positions needs a reject reason`, {
				itemIndex,
				description: 'Choose a Reject Reason in the node.',
			});
		}
		return reason;
	}
}

/** The order as a customer order for a shop or ERP: the matched customer when a lookup found one. */
export function asCustomerOrder(order: Order, json: IDataObject, customerIdField: string): { order: Order; customerMatched: boolean } {
	const matched = customerIdField ? readField(json, customerIdField) : undefined;
	if (matched === undefined || matched === null || matched === '') return { order, customerMatched: false };
	return { order: { ...order, customer: { ...order.customer, id: String(matched) } }, customerMatched: true };
}

export function orderIdAt(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('orderId', itemIndex, '');
	const id = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!id) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex} has no order ID`, {
			itemIndex,
			description: 'Set "Order ID", or feed items with json.order from Get New Orders.',
		});
	}
	return id;
}

/**
 * Runs one operation per input item: a failure becomes an error item when the node continues on fail,
 * otherwise it stops the run naming the item and order.
 */
export async function perItem(
	context: IExecuteFunctions,
	outputs: number,
	work: (itemIndex: number, item: INodeExecutionData, emit: (output: number, json: IDataObject) => void) => Promise<void>,
): Promise<INodeExecutionData[][]> {
	const result: INodeExecutionData[][] = Array.from({ length: outputs }, () => []);
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const emit = (output: number, json: IDataObject) => result[output].push(outputItem(json, itemIndex));
		try {
			await work(itemIndex, items[itemIndex], emit);
		} catch (error) {
			if (error instanceof DryRunWrite) {
				result[0].push(outputItem({ orderId: orderIdAt(context, itemIndex), dryRun: dryWriteOutcome(error) }, itemIndex));
				continue;
			}
			let order: string | undefined;
			try {
				order = orderIdAt(context, itemIndex);
			} catch {
				order = undefined;
			}
			const nodeError = toNodeError(context.getNode(), error, { itemIndex, order });
			if (!context.continueOnFail()) throw nodeError;
			result[0].push(outputItem({ error: nodeError.message, orderId: order ?? null }, itemIndex));
		}
	}
	return result;
}

/** Exactly once per (system, order, action): skips what is done, releases the claim when the action fails. */
export async function once<T>(
	ledger: Ledger,
	system: string,
	orderId: string,
	action: string,
	run: () => Promise<T>,
): Promise<{ done: true; result: T } | { done: false; detail?: IDataObject }> {
	if (!(await ledger.claim(system, orderId, action))) {
		return { done: false, detail: await ledger.detail<IDataObject>(system, orderId, action) };
	}
	const outcome = await run().then(
		(result) => ({ ok: true as const, result }),
		(error: unknown) => ({ ok: false as const, error }),
	);
	if (!outcome.ok) {
		await ledger.release(system, orderId, action);
		throw outcome.error;
	}
	await ledger.complete(system, orderId, action, outcome.result as unknown as Record<string, unknown>);
	return { done: true, result: outcome.result };
}
