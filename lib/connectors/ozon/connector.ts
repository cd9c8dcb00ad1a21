import type { Order, Tracking } from '../../model';
import { VendorError } from '../../transport';
import {
	coversWholeOrder,
	type FetchedOrder,
	type MarketplaceConnector,
	type MarketplaceStatusOption,
	type PositionQuantity,
	type RejectReason,
	type RejectReasonOption,
	type TimeWindow,
} from '../marketplace';
import { OzonClient, type OzonClientOptions } from './client';
import { OZON, postingToOrder } from './mapping';
import type { OzonPosting } from './wire';

const SELLER_STATUS_ENDPOINTS: Record<string, string> = {
	delivering: '/v2/fbs/posting/delivering',
	last_mile: '/v2/fbs/posting/last-mile',
	delivered: '/v2/fbs/posting/delivered',
	sent_by_seller: '/v2/fbs/posting/sent-by-seller',
};

const STATUS_OPTIONS: MarketplaceStatusOption[] = [
	{ value: 'awaiting_deliver', name: 'Awaiting Shipment (Accept)', description: 'Packs the positions: /v4/posting/fbs/ship' },
	{ value: 'cancelled', name: 'Cancelled (Reject)', description: 'Cancels the positions, or the whole posting, with the reject reason' },
	{ value: 'delivering', name: 'Delivering (rFBS)', description: 'For postings the seller delivers' },
	{ value: 'last_mile', name: 'Last Mile (rFBS)', description: 'For postings the seller delivers' },
	{ value: 'delivered', name: 'Delivered (rFBS)', description: 'For postings the seller delivers' },
	{ value: 'sent_by_seller', name: 'Sent by Seller (rFBS)', description: 'For sellers with their own first mile' },
];

/** What a seller can set on Ozon, and the statuses an accept and a reject send. */
export const OZON_SELLER_STATUSES = { options: STATUS_OPTIONS, accepted: 'awaiting_deliver', rejected: 'cancelled' };

/** Ozon FBS postings as marketplace orders. A posting ships whole: reject the positions you cannot send first. */
export class OzonMarketplace implements MarketplaceConnector {
	readonly system = OZON;
	readonly displayName = 'Ozon';
	readonly client: OzonClient;

	constructor(options: OzonClientOptions) {
		this.client = new OzonClient(options);
	}

	async *ordersCreated(window: TimeWindow): AsyncIterable<FetchedOrder[]> {
		let cursor = '';
		const seen = new Set<string>();
		for (;;) {
			const page = await this.client.listPostings(window.since, window.to, cursor);
			const postings = page.postings ?? [];
			yield postings.map(fetched);
			if (!page.has_next) return;
			if (!page.cursor || seen.has(page.cursor)) {
				throw new VendorError(OZON, 'Ozon said there are more postings but sent no new cursor; paging stopped');
			}
			seen.add(page.cursor);
			cursor = page.cursor;
		}
	}

	async getOrder(orderId: string): Promise<Order> {
		return postingToOrder(await this.client.getPosting(orderId));
	}

	async accept(order: Order, positions: PositionQuantity[]): Promise<void> {
		const items = this.items(order, positions);
		if (!coversWholeOrder(order, positions)) {
			const missing = order.lines
				.filter((line) => !items.some((i) => String(i.sku) === line.id && i.quantity >= line.quantity))
				.map((line) => `${line.sku ?? line.id} × ${line.quantity}`);
			throw new VendorError(
				OZON,
				`Ozon ships posting ${order.id} whole, but ${missing.join(', ')} would be left out. Reject those positions first (Reject Positions, or "Reject Other Positions").`,
			);
		}
		await this.client.ship(order.id, items);
	}

	async reject(order: Order, positions: PositionQuantity[], reason: RejectReason): Promise<void> {
		const reasonId = Number(reason.id);
		if (!Number.isInteger(reasonId) || reasonId <= 0) {
			throw new VendorError(OZON, `"${reason.id}" is not an Ozon cancellation reason id. Pick a reason from the list.`);
		}
		if (coversWholeOrder(order, positions)) {
			await this.client.cancelPosting(order.id, reasonId, reason.message);
		} else {
			await this.client.cancelProducts(order.id, this.items(order, positions), reasonId, reason.message);
		}
	}

	async rejectReasons(): Promise<RejectReasonOption[]> {
		const reasons = await this.client.cancelReasons();
		return reasons
			.filter((r) => r.is_available_for_cancellation !== false)
			.map((r) => ({ id: String(r.id), name: r.title }));
	}

	statuses() {
		return OZON_SELLER_STATUSES;
	}

	async setStatus(order: Order, status: string, positions: PositionQuantity[], reason?: RejectReason): Promise<void> {
		if (status === 'awaiting_deliver') return this.accept(order, positions);
		if (status === 'cancelled') {
			if (!reason) throw new VendorError(OZON, `Cancelling on Ozon needs a reason; choose one for posting ${order.id}`);
			return this.reject(order, positions, reason);
		}
		const endpoint = SELLER_STATUS_ENDPOINTS[status];
		if (!endpoint) {
			throw new VendorError(OZON, `Ozon has no status "${status}" a seller can set. Use one of: ${STATUS_OPTIONS.map((o) => o.value).join(', ')}`);
		}
		await this.client.setSellerStatus(endpoint, [order.id]);
	}

	async setTracking(orderId: string, tracking: Tracking): Promise<void> {
		if (!tracking.number?.trim()) throw new VendorError(OZON, `The tracking number for posting ${orderId} is empty`);
		await this.client.setTracking([{ postingNumber: orderId, trackingNumber: tracking.number.trim() }]);
	}

	awaitsDecision(order: Order): boolean {
		return order.status.code === 'awaiting_packaging';
	}

	/** Ozon names positions by SKU in cancel and ship calls. */
	private items(order: Order, positions: PositionQuantity[]): Array<{ sku: number; quantity: number }> {
		const bySku = new Map<number, number>();
		for (const position of positions) {
			const line = order.lines.find((l) => l.id === position.positionId);
			if (!line) throw new VendorError(OZON, `Posting ${order.id} has no position ${position.positionId}`);
			if (!Number.isInteger(position.quantity) || position.quantity < 1) {
				throw new VendorError(OZON, `The quantity for position ${position.positionId} of posting ${order.id} must be a whole number of at least 1`);
			}
			const sku = Number(line.id);
			bySku.set(sku, (bySku.get(sku) ?? 0) + position.quantity);
		}
		for (const [sku, quantity] of bySku) {
			const line = order.lines.find((l) => l.id === String(sku));
			if (line && quantity > line.quantity) {
				throw new VendorError(OZON, `Posting ${order.id} has only ${line.quantity} of ${line.sku ?? sku}, not ${quantity}`);
			}
		}
		return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
	}
}

function fetched(posting: OzonPosting): FetchedOrder {
	try {
		return { ok: true, order: postingToOrder(posting) };
	} catch (error) {
		return { ok: false, orderId: posting?.posting_number, createdAt: posting?.in_process_at, error: error as Error };
	}
}
