import { roundMoney, type CanonicalStatus, type Order, type OrderLine } from '../../model';
import { VendorError } from '../../transport';
import { fromMoscow, ZZAP } from './client';
import type { ZzapPosition, ZzapStatus } from './wire';

/** Canonical meaning of a status by its name; the codes differ per account, the names are the seller's words. */
const CANONICAL_BY_NAME: Array<[RegExp, CanonicalStatus]> = [
	[/^(нов|new)/i, 'new'],
	[/отказ|отмен|снят|reject|cancel/i, 'cancelled'],
	[/выдан|получен|delivered/i, 'delivered'],
	[/отправл|shipped/i, 'shipped'],
	[/готов|ready/i, 'ready'],
	[/работ|заказан|принят|process|accept/i, 'processing'],
];

export function canonicalOf(name: string | undefined): CanonicalStatus | undefined {
	if (!name) return undefined;
	return CANONICAL_BY_NAME.find(([pattern]) => pattern.test(name.trim()))?.[1];
}

/** A status code as the account's dictionary and SetOrderStatusV3 write it. */
export const codeOf = (status: ZzapStatus) => String(status.code_track).trim();

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function number(value: unknown, what: string, code: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(String(value).replace(',', '.').replace(/\s/g, ''));
	if (!Number.isFinite(n) || n < 0) throw new VendorError(ZZAP, `ZZAP sent the ${what} "${String(value)}" for position ${code}, which is not a number`);
	return n;
}

function lineOf(row: ZzapPosition): OrderLine {
	const code = String(row.code_order);
	const quantity = number(row.qty_order, 'quantity', code);
	if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) {
		throw new VendorError(ZZAP, `ZZAP sent position ${code} without a whole quantity (qty_order "${String(row.qty_order)}")`, row);
	}
	const unitPrice = number(row.price, 'price', code);
	const brand = text(row.class_man);
	const partnumber = text(row.partnumber);
	return {
		id: code,
		sku: partnumber,
		productId: brand && partnumber ? `${brand}:${partnumber}` : partnumber,
		name: [brand, partnumber, text(row.class_cat)].filter(Boolean).join(' ') || `ZZAP position ${code}`,
		quantity,
		unitPrice,
		total: unitPrice === undefined ? undefined : roundMoney(unitPrice * quantity),
	};
}

/** Who bought: ZZAP positions of one buyer created at the same moment belong to one buyer order (one checkout). */
export function buyerOrderKey(row: ZzapPosition): string {
	const buyer = text(row.client_email)?.toLowerCase() ?? text(row.client_phone)?.replace(/\D/g, '') ?? text(row.client_name) ?? `position:${row.code_order}`;
	return `${buyer}|${row.create_date}`;
}

/** Groups positions into buyer orders, oldest first; each position is in exactly one. */
export function groupPositions(rows: ZzapPosition[]): ZzapPosition[][] {
	const groups = new Map<string, ZzapPosition[]>();
	const seen = new Set<string>();
	for (const row of rows) {
		const code = String(row.code_order);
		if (seen.has(code)) continue;
		seen.add(code);
		const key = buyerOrderKey(row);
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	const sorted = [...groups.values()].map((g) => g.sort((a, b) => Number(a.code_order) - Number(b.code_order)));
	return sorted.sort((a, b) => (fromMoscow(a[0].create_date) ?? '').localeCompare(fromMoscow(b[0].create_date) ?? '') || Number(a[0].code_order) - Number(b[0].code_order));
}

/** The id of a buyer order: its lowest position code. */
export const orderIdOf = (group: ZzapPosition[]) => String(group[0].code_order);

/** One position's status, for the per-position view an order carries. */
export interface ZzapPositionStatus {
	positionId: string;
	code: string;
	name?: string;
	canonical?: CanonicalStatus;
	reply?: string;
}

export function positionStatusOf(row: ZzapPosition): ZzapPositionStatus {
	const name = text(row.descr_track);
	return { positionId: String(row.code_order), code: String(row.code_track ?? ''), name, canonical: canonicalOf(name), reply: text(row.response) };
}

/**
 * A buyer order as a core order: `id` is its lowest position code, each line a position keyed by its code. The
 * order's status is the positions' status when they share one, else "mixed"; `raw.positions` keeps each.
 */
export function positionsToOrder(group: ZzapPosition[]): Order {
	if (group.length === 0) throw new VendorError(ZZAP, 'An empty ZZAP order cannot be mapped');
	for (const row of group) {
		if (row.code_order === undefined || row.code_order === null || String(row.code_order).trim() === '') {
			throw new VendorError(ZZAP, 'ZZAP sent a position without a code_order', row);
		}
	}
	const first = group[0];
	const lines = group.map(lineOf);
	const statuses = group.map(positionStatusOf);
	const shared = statuses.every((s) => s.code === statuses[0].code) ? statuses[0] : undefined;
	const gross = lines.every((l) => l.total !== undefined) ? roundMoney(lines.reduce((sum, l) => sum + (l.total ?? 0), 0)) : undefined;
	const id = orderIdOf(group);
	const email = text(first.client_email);
	const phone = text(first.client_phone);
	const note = group.map((r) => text(r.comment)).filter(Boolean).join('\n');
	const createdAt = fromMoscow(first.create_date);
	const updated = group.map((r) => fromMoscow(r.date_last)).filter((d): d is string => !!d).sort();
	return {
		system: ZZAP,
		id,
		number: id,
		externalIds: { [ZZAP]: id },
		status: shared
			? { code: shared.code, label: shared.name ?? shared.code }
			: { code: 'mixed', label: statuses.map((s) => `${s.positionId}: ${s.name ?? s.code}`).join(', ') },
		canonicalStatus: shared?.canonical,
		customer: {
			id: email || phone ? `${ZZAP}:${email?.toLowerCase() ?? phone}` : undefined,
			name: text(first.client_name),
			email,
			phone,
			region: text(first.client_region),
		},
		lines,
		currency: 'RUB',
		totals: gross === undefined ? undefined : { gross },
		note: note || undefined,
		createdAt,
		updatedAt: updated[updated.length - 1],
		raw: { positions: group, statuses },
	};
}

/** The per-position statuses an order mapped by `positionsToOrder` carries. */
export function positionStatuses(order: Order): ZzapPositionStatus[] {
	const raw = order.raw as { statuses?: ZzapPositionStatus[] } | undefined;
	return raw?.statuses ?? [];
}
