import type { Order } from '../../model';
import { VendorError } from '../../transport';
import {
	positionIdOf,
	type FetchedOrder,
	type MarketplaceConnector,
	type MarketplaceStatuses,
	type PositionQuantity,
	type RejectReason,
	type RejectReasonOption,
	type TimeWindow,
} from '../marketplace';
import type { SystemStatus } from '../registry';
import { fromMoscow, ZZAP, ZzapClient, type ZzapClientOptions } from './client';
import { canonicalOf, codeOf, groupPositions, orderIdOf, positionsToOrder, positionStatuses } from './mapping';
import type { ZzapPosition, ZzapStatus } from './wire';

export interface ZzapSettings {
	/** Status code an accept sets; empty: the dictionary's "В работе"/"Принят" */
	acceptedStatus?: string;
	/** Status code a reject sets when no reason (status) is chosen; empty: the dictionary's first "Отказ" */
	rejectedStatus?: string;
	/** What the buyer reads when a position is accepted */
	acceptReply?: string;
	/** How far back Get Order looks for an order's positions (by their last event) */
	orderLookbackDays?: number;
}

export type ZzapMarketplaceOptions = ZzapClientOptions & ZzapSettings;

export const ZZAP_DEFAULT_ACCEPT_REPLY = 'Заказ принят в работу';

/** Fixed options before the account's dictionary is loaded; the real codes come from GetCodesTrack. */
export const ZZAP_STATUS_PLACEHOLDER: MarketplaceStatuses = { options: [], accepted: '', rejected: '' };

/**
 * ZZAP external orders as marketplace orders. Every position has its own code and status and is decided alone;
 * positions of one buyer created together are one order. The status codes are the account's own (GetCodesTrack).
 */
export class ZzapMarketplace implements MarketplaceConnector {
	readonly system = ZZAP;
	readonly displayName = 'ZZAP';
	readonly client: ZzapClient;
	private dictionary?: ZzapStatus[];
	private resolved: MarketplaceStatuses = ZZAP_STATUS_PLACEHOLDER;
	/** Positions listed for Get Order during this execution, kept current with what this connector set */
	private recent?: { rows: ZzapPosition[]; from: number };

	constructor(private readonly options: ZzapMarketplaceOptions) {
		this.client = new ZzapClient(options);
	}

	/** Reads the account's status dictionary once and resolves the accept and reject codes from it. */
	async loadStatuses(): Promise<MarketplaceStatuses> {
		if (this.dictionary) return this.resolved;
		const dictionary = await this.client.statuses();
		const pick = (configured: string | undefined, pattern: RegExp, what: string) => {
			const wanted = configured?.trim();
			if (wanted) {
				if (!dictionary.some((s) => codeOf(s) === wanted)) {
					throw new VendorError(ZZAP, `The ${what} status "${wanted}" is not in this ZZAP account's list (${dictionary.map((s) => `${codeOf(s)} ${s.descr_track ?? ''}`).join(', ')}). Fix it in the ZZAP credential.`);
				}
				return wanted;
			}
			const found = dictionary.find((s) => pattern.test(s.descr_track ?? ''));
			return found ? codeOf(found) : '';
		};
		this.resolved = {
			options: dictionary.map((s) => ({ value: codeOf(s), name: `${s.descr_track ?? codeOf(s)} (${codeOf(s)})`, description: `ZZAP status ${codeOf(s)} of this account` })),
			accepted: pick(this.options.acceptedStatus, /в работе|принят/i, 'accepted'),
			rejected: pick(this.options.rejectedStatus, /отказ/i, 'rejected'),
		};
		this.dictionary = dictionary;
		return this.resolved;
	}

	statuses(): MarketplaceStatuses {
		return this.resolved;
	}

	/** The account's dictionary for the registry's live list (the Order Status Mapper), with the canonical meaning by name. */
	async systemStatuses(): Promise<SystemStatus[]> {
		await this.loadStatuses();
		return (this.dictionary ?? []).map((s) => {
			const label = s.descr_track ?? codeOf(s);
			const canonical = canonicalOf(label);
			return { code: codeOf(s), label, ...(canonical ? { canonical } : {}) };
		});
	}

	async *ordersCreated(window: TimeWindow): AsyncIterable<FetchedOrder[]> {
		const since = Date.parse(window.since);
		const rows = await this.client.positions(since, Date.parse(window.to));
		// positions listed for a later event of an older order are not new
		const fresh = groupPositions(rows).filter((group) => !(Date.parse(fromMoscow(group[0].create_date) ?? '') < since - 1000));
		yield fresh.map(fetched);
	}

	async getOrder(orderId: string): Promise<Order> {
		const days = this.options.orderLookbackDays ?? 90;
		const from = Date.now() - days * 86_400_000;
		if (!this.recent || this.recent.from > from) this.recent = { rows: await this.client.positions(from, Date.now()), from };
		const group = groupPositions(this.recent.rows).find((g) => g.some((row) => String(row.code_order) === orderId.trim()));
		if (!group) {
			throw new VendorError(ZZAP, `ZZAP lists no position ${orderId} with an event in the last ${days} days; check the order ID (the lowest position code of the buyer order)`);
		}
		return positionsToOrder(group);
	}

	async accept(order: Order, positions: PositionQuantity[]): Promise<void> {
		const { accepted } = await this.loadStatuses();
		if (!accepted) throw this.missingStatus('accepted', 'В работе');
		await this.send(order, accepted, positions, this.options.acceptReply ?? ZZAP_DEFAULT_ACCEPT_REPLY);
	}

	/** The reason is a status of the account's list (e.g. "Отказ: нет в наличии"); its message is the buyer's reply. */
	async reject(order: Order, positions: PositionQuantity[], reason: RejectReason): Promise<void> {
		const { rejected } = await this.loadStatuses();
		const code = reason.id?.trim() || rejected;
		if (!code) throw this.missingStatus('rejected', 'Отказ');
		if (!this.dictionary?.some((s) => codeOf(s) === code)) {
			throw new VendorError(ZZAP, `"${code}" is not a status of this ZZAP account; pick the reject reason from the list`);
		}
		await this.send(order, code, positions, reason.message ?? '');
	}

	/** The account's statuses, refusals ("Отказ: нет в наличии") first: a ZZAP reject is one of them. */
	async rejectReasons(): Promise<RejectReasonOption[]> {
		await this.loadStatuses();
		const statuses = this.dictionary ?? [];
		const refusal = (s: ZzapStatus) => canonicalOf(s.descr_track) === 'cancelled';
		return [...statuses.filter(refusal), ...statuses.filter((s) => !refusal(s))].map((s) => ({ id: codeOf(s), name: s.descr_track ?? codeOf(s) }));
	}

	async setStatus(order: Order, status: string, positions: PositionQuantity[], reason?: RejectReason): Promise<void> {
		const { accepted, rejected, options } = await this.loadStatuses();
		if (status === rejected || (reason && status === reason.id)) {
			return this.reject(order, positions, reason ?? { id: status });
		}
		if (status === accepted) return this.accept(order, positions);
		if (!options.some((o) => o.value === status)) {
			throw new VendorError(ZZAP, `ZZAP has no status "${status}" in this account's list. Use one of: ${options.map((o) => o.value).join(', ')}`);
		}
		await this.send(order, status, positions, reason?.message ?? '');
	}

	async setTracking(orderId: string): Promise<void> {
		throw new VendorError(
			ZZAP,
			`ZZAP has no method for a tracking number (order ${orderId}); send it to the buyer as the reply text with Send Status instead`,
		);
	}

	/** An order waits while any of its positions is in a "new" status (by name, since codes differ per account). */
	awaitsDecision(order: Order): boolean {
		return positionStatuses(order).some((s) => s.canonical === 'new');
	}

	private async send(order: Order, code: string, positions: PositionQuantity[], reply: string): Promise<void> {
		for (const position of positions) {
			const line = order.lines.find((l) => positionIdOf(l) === position.positionId);
			if (!line) throw new VendorError(ZZAP, `Order ${order.id} has no position ${position.positionId}`);
			if (position.quantity !== line.quantity) {
				throw new VendorError(
					ZZAP,
					`ZZAP decides position ${position.positionId} of order ${order.id} whole (${line.quantity} pcs), not ${position.quantity}; accept or reject all of it`,
				);
			}
		}
		const name = this.dictionary?.find((s) => codeOf(s) === code)?.descr_track;
		for (const position of positions) {
			await this.client.setStatus(position.positionId, code, reply);
			// what ZZAP now holds, so the next read of this order needs no new listing
			const row = this.recent?.rows.find((r) => String(r.code_order) === position.positionId);
			if (row) Object.assign(row, { code_track: code, descr_track: name, response: reply });
		}
	}

	private missingStatus(what: string, example: string): VendorError {
		return new VendorError(
			ZZAP,
			`This ZZAP account has no status that reads like "${example}" for ${what} positions; set the ${what} status code in the ZZAP credential`,
		);
	}
}

function fetched(group: ZzapPosition[]): FetchedOrder {
	try {
		return { ok: true, order: positionsToOrder(group) };
	} catch (error) {
		return { ok: false, orderId: orderIdOf(group), error: error as Error };
	}
}
