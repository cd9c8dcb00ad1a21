import { DateTime } from 'luxon';
import { roundMoney, type CanonicalStatus, type Order, type OrderLine } from '../../model';
import type { IdoSellOrder } from './wire';

export const SYSTEM = 'idosell';
export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

/** The 17 built-in `orderStatus` values with the panel's names; `ready` means dispatched, `false` is a status. */
export const IDOSELL_STATUS_LABELS: Readonly<Record<string, string>> = {
	new: 'Not handled',
	payment_waiting: 'Awaiting payment',
	delivery_waiting: 'Awaiting delivery',
	on_order: 'In progress',
	packed: 'Being picked',
	packed_fulfillment: 'Being picked - fulfilment',
	packed_ready: 'Packed',
	ready: 'Dispatched',
	wait_for_dispatch: 'Awaiting dispatch date',
	suspended: 'On hold',
	joined: 'Merged',
	finished: 'Completed',
	finished_ext: 'Completed in FA application',
	missing: 'Missing',
	lost: 'Lost',
	false: 'False',
	canceled: 'Canceled by customer',
};

export const IDOSELL_CANONICAL: Readonly<Record<string, CanonicalStatus>> = {
	new: 'new',
	payment_waiting: 'on_hold',
	delivery_waiting: 'backordered',
	on_order: 'processing',
	packed: 'processing',
	packed_fulfillment: 'processing',
	packed_ready: 'ready',
	wait_for_dispatch: 'ready',
	ready: 'shipped',
	suspended: 'on_hold',
	finished: 'completed',
	finished_ext: 'completed',
	missing: 'failed',
	lost: 'failed',
	false: 'failed',
	canceled: 'cancelled',
};

/** Seen on orders but set by IdoSell itself: merging orders makes `joined`. */
export const IDOSELL_UNASSIGNABLE = new Set(['joined']);

/** Statuses after which the goods left the shop. */
const SHIPPED = new Set(['ready', 'finished', 'finished_ext']);

const LOCAL = 'yyyy-MM-dd HH:mm:ss';

/** Checks the zone once, so a typo in the credential is named instead of shifting every date. */
export function assertTimeZone(timeZone: string): string {
	if (!DateTime.now().setZone(timeZone).isValid) {
		throw new Error(`"${timeZone}" is not a time zone: set the shop's time zone in the IdoSell credential as an IANA name such as Europe/Warsaw`);
	}
	return timeZone;
}

/** An instant (ISO) as the shop's local `YYYY-MM-DD HH:MM:SS`, cut to the second. */
export function toShopTime(iso: string, timeZone: string): string {
	const parsed = DateTime.fromISO(iso, { zone: 'utc' });
	if (!parsed.isValid) throw new Error(`"${iso}" is not an ISO date-time`);
	return parsed.setZone(timeZone).toFormat(LOCAL);
}

/** The shop's local `YYYY-MM-DD HH:MM:SS` as an ISO instant (UTC); in the repeated hour of autumn, the earlier one. */
export function fromShopTime(local: string | undefined, timeZone: string): string | undefined {
	if (!local) return undefined;
	const parsed = DateTime.fromFormat(local, LOCAL, { zone: timeZone });
	if (!parsed.isValid) return undefined;
	// An hour earlier that reads the same on the shop's clock: the first pass through the repeated hour. Earlier is
	// safer for polling: the watermark never runs ahead of a change.
	const earlier = parsed.minus({ hours: 1 });
	return (earlier.toFormat(LOCAL) === local ? earlier : parsed).toUTC().toJSDate().toISOString();
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function lineOf(product: NonNullable<NonNullable<IdoSellOrder['orderDetails']>['productsResults']>[number]): OrderLine {
	const quantity = Number(product.productQuantity ?? 0);
	const unitPrice = product.productOrderPrice;
	return {
		id: product.basketPosition === undefined ? undefined : String(product.basketPosition),
		sku: text(product.productCode) ?? text(product.productSizeCodeExternal),
		productId: product.productId === undefined ? undefined : String(product.productId),
		name: text(product.productName) ?? `Product ${product.productId ?? '?'}`,
		quantity,
		unitPrice,
		taxRate: product.productVat,
		total: unitPrice === undefined ? undefined : roundMoney(unitPrice * quantity),
	};
}

/** A status of the shop's own: its code is its numeric id, it sits under a built-in status. */
export interface IdoSellOwnStatus {
	code: string;
	label: string;
}

/**
 * An IdoSell order in the package's model; `id` is the serial number every write takes. An order in one of the
 * shop's own statuses (`ownStatuses`, by id) gets that status; its built-in parent still decides "shipped".
 */
export function toOrder(wire: IdoSellOrder, timeZone: string, ownStatuses: ReadonlyMap<string, IdoSellOwnStatus> = new Map()): Order {
	const details = wire.orderDetails ?? {};
	const billing = wire.clientResult?.clientBillingAddress ?? {};
	const account = wire.clientResult?.clientAccount ?? {};
	const builtIn = String(details.orderStatus ?? '');
	const own = details.orderStatusId === undefined ? undefined : ownStatuses.get(String(details.orderStatusId));
	const name = [billing.clientFirstName, billing.clientLastName].map(text).filter(Boolean).join(' ') || undefined;
	const email = text(account.clientEmail);
	const phone = text(billing.clientPhone1) ?? text(account.clientPhone1);
	const currency = details.payments?.orderCurrency;
	const lines = (details.productsResults ?? []).map(lineOf);
	const goods = currency?.orderProductsCost;
	const shipping = currency?.orderDeliveryCost;
	return {
		system: SYSTEM,
		id: String(wire.orderSerialNumber),
		number: wire.orderId,
		externalIds: {},
		status: own ? { code: own.code, label: own.label } : { code: builtIn, label: IDOSELL_STATUS_LABELS[builtIn] },
		canonicalStatus: own ? undefined : IDOSELL_CANONICAL[builtIn],
		customer: {
			id: account.clientId === undefined ? undefined : String(account.clientId),
			email,
			name,
			phone,
			country: text(billing.clientCountryId)?.toUpperCase(),
		},
		billingAddress: {
			name,
			company: text(billing.clientFirm),
			street: text(billing.clientStreet),
			city: text(billing.clientCity),
			postcode: text(billing.clientZipCode),
			country: text(billing.clientCountryId)?.toUpperCase(),
			phone,
			email,
		},
		lines,
		linePricesIncludeTax: true,
		currency: text(currency?.currencyId),
		totals: {
			shipping,
			gross: goods === undefined ? undefined : roundMoney(goods + (shipping ?? 0)),
		},
		shipped: SHIPPED.has(builtIn),
		note: text(details.orderNote),
		createdAt: fromShopTime(details.orderAddDate, timeZone),
		updatedAt: fromShopTime(details.orderChangeDate, timeZone),
		raw: wire,
	};
}
