import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { isDryRun } from '../../shared/dry-run';
import { openLedger } from '../../shared/ledger';
import { toNodeError } from '../../shared/errors';
import { outputItem } from '../../shared/items';
import type { Marketplace } from './shared';

export const FETCHED = 'fetched';
export const DELETED = 'deleted';

/**
 * Orders that entered processing since the stored watermark, each emitted once (the ledger remembers it).
 * An order that cannot be read, or is still being registered, holds the watermark back so the next run sees it.
 */
export async function getNewOrders(this: IExecuteFunctions, { connector, system, accountId }: Marketplace): Promise<INodeExecutionData[][]> {
	const onlyAwaiting = this.getNodeParameter('onlyAwaitingDecision', 0) as boolean;
	const lookbackHours = this.getNodeParameter('lookbackHours', 0) as number;
	const overlapMinutes = this.getNodeParameter('overlapMinutes', 0) as number;
	// Dry: the orders are shown, none is marked as seen and the watermark stays, so the real run emits them.
	const ledger = await openLedger(this, { dryRun: isDryRun(this, 0) });
	const source = `marketplaceOrder:${system}:${accountId}`;
	const now = Date.now();
	const watermark = await ledger.watermark(source);
	// marketplaces list at most a year at a time
	const since = Math.max(
		watermark ? Date.parse(watermark) - overlapMinutes * 60_000 : now - lookbackHours * 3_600_000,
		now - 365 * 86_400_000,
	);
	const window = { since: new Date(since).toISOString(), to: new Date(now).toISOString() };

	const fresh: Order[] = [];
	const errors: INodeExecutionData[] = [];
	let holdBack = now;
	const hold = (at: string | undefined) => {
		const time = at ? Date.parse(at) : since;
		holdBack = Math.min(holdBack, Number.isNaN(time) ? since : time);
	};
	try {
		for await (const page of connector.ordersCreated(window)) {
			for (const fetched of page) {
				if (!fetched.ok) {
					hold(fetched.createdAt);
					const error = toNodeError(this.getNode(), fetched.error, { itemIndex: 0, order: fetched.orderId });
					this.logger.warn(`Marketplace Order: ${error.message}; it stays pending for the next run`);
					errors.push(outputItem({ error: error.message, orderId: fetched.orderId ?? null }, 0));
					continue;
				}
				const order = fetched.order;
				if ((await ledger.seen(system, order.id, FETCHED)) || (await ledger.isDone(system, order.id, DELETED))) continue;
				if (onlyAwaiting && !connector.awaitsDecision(order)) {
					if (order.canonicalStatus === 'new') hold(order.createdAt);
					continue;
				}
				fresh.push(order);
			}
		}
	} catch (error) {
		throw toNodeError(this.getNode(), error, { itemIndex: 0 });
	}
	if (fresh.length === 0 && errors.length > 0 && !this.continueOnFail()) {
		throw new NodeOperationError(this.getNode(), `${errors.length} order(s) could not be read: ${errors[0].json.error as string}`, {
			itemIndex: 0,
			description: 'They stay pending and are read again on the next run.',
		});
	}

	const output: INodeExecutionData[] = [];
	for (const order of fresh) {
		await ledger.markSeen(system, order.id, FETCHED);
		output.push(outputItem({ order: order as never, kind: 'created', system, newStatus: order.status as never, changedAt: order.createdAt ?? window.to }, 0));
	}
	await ledger.setWatermark(source, new Date(holdBack).toISOString());
	return [this.continueOnFail() ? [...output, ...errors] : output];
}
