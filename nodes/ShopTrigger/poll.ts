import { NodeOperationError, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';
import { snapshotOf } from '../../lib/changes/detect';
import type { ChangeEvent } from '../../lib/model';
import { toNodeError } from '../shared/errors';
import { emitChanges } from '../shared/changes';
import { openLedger } from '../shared/ledger';
import { changeSource, changesOf, eventItem, type BaselineSnapshot, type TriggerEvent } from './events';
import { selectedShop } from './transport';
import { registrationsOf } from './webhook/registrations';

const subtractSeconds = (iso: string, seconds: number) => new Date(Date.parse(iso) - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Polling mode, and the catch-up of Webhook mode: orders changed since the watermark (minus the overlap), each change
 * once. In Webhook mode it first turns back on the webhooks the shop disabled.
 */
export async function pollOrders(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const webhookMode = this.getNodeParameter('mode', 'webhook') !== 'polling';
	if (webhookMode && !this.getNodeParameter('catchUp', true)) return null;
	const events = this.getNodeParameter('events', []) as TriggerEvent[];
	const overlap = this.getNodeParameter('overlapSeconds', 120) as number;
	const node = this.getNode();
	try {
		const shop = await selectedShop(this);
		const ledger = await openLedger(this);
		const source = changeSource(shop.system, node.id);
		if (webhookMode && shop.webhooks) {
			// Webhooks the shop disabled after failed deliveries are turned back on; the poll below fetches what they missed.
			const ours = new Set(Object.values(registrationsOf(this)).flatMap((r) => r.ids));
			for (const hook of await shop.webhooks.list()) if (ours.has(hook.id) && !hook.active) await shop.webhooks.reactivate(hook.id);
		}

		if (this.getMode() === 'manual') {
			// A real recent order as the test event; the watermark and snapshots stay as they are.
			const [latest] = await shop.listOrders({ limit: 1, order: 'newestModifiedFirst' });
			if (!latest) throw new NodeOperationError(node, `The shop has no orders yet to show as a test event`);
			const kind: ChangeEvent['kind'] = events.includes('statusChanged') || !events.length ? 'status_changed' : events.includes('created') ? 'created' : 'edited';
			const test: ChangeEvent = {
				system: shop.system,
				kind,
				order: latest,
				newStatus: latest.status,
				changedAt: latest.updatedAt ?? new Date().toISOString(),
				...(kind === 'edited' ? { lineDiff: { added: [], removed: [], changed: [] } } : {}),
			};
			return [[eventItem(test)]];
		}

		const watermark = await ledger.watermark(source);
		if (!watermark) {
			// First poll: start from the shop's latest change (its own clock), report nothing older. The orders
			// changed in that last second are remembered, so a later change in the same second is told apart.
			const [latest] = await shop.listOrders({ limit: 1, order: 'newestModifiedFirst' });
			const start = latest?.updatedAt ?? new Date().toISOString();
			const lastSecond = latest ? await shop.listOrders({ modifiedAfter: subtractSeconds(start, 1), order: 'oldestModifiedFirst' }) : [];
			for (const order of lastSecond) {
				const baseline: BaselineSnapshot = { ...snapshotOf(order), baseline: true };
				await ledger.saveSnapshot(order.system, order.id, baseline);
			}
			await ledger.setWatermark(source, start);
			await ledger.setWatermark(`${source}:since`, start);
			return null;
		}
		const since = (await ledger.watermark(`${source}:since`)) ?? watermark;
		// Everything is fetched before any state moves, so a failed poll repeats whole.
		const orders = await shop.listOrders({ modifiedAfter: subtractSeconds(watermark, overlap), order: 'oldestModifiedFirst' });
		for (const notice of shop.drainNotices?.() ?? []) this.logger.warn(`${node.name}: ${notice}`);
		const items: INodeExecutionData[] = [];
		let newest = watermark;
		for (const order of orders) {
			const isNew = !!order.createdAt && order.createdAt >= since;
			for (const change of await changesOf(ledger, shop, order, { events, isNew, baselineBefore: since })) items.push(eventItem(change));
			if (order.updatedAt && order.updatedAt > newest) newest = order.updatedAt;
		}
		const emitted = await emitChanges(this, source, items);
		await ledger.setWatermark(source, newest);
		return emitted.length ? [emitted] : null;
	} catch (error) {
		throw toNodeError(node, error);
	}
}
