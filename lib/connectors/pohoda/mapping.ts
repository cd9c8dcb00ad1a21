import { roundMoney, type Address, type CanonicalStatus, type Order, type OrderLine, type VendorStatus } from '../../model';
import { textOf } from './parse';
import type { WireAddress, WireOrder, WireOrderItem } from './wire';

export const SYSTEM = 'pohoda';

/** POHODA's states of a received order and what they mean in the shared vocabulary. */
export const POHODA_STATUSES: Record<string, { label: string; canonical: CanonicalStatus }> = {
	new: { label: 'Nevyřízeno', canonical: 'new' },
	processing: { label: 'Částečně vyřízeno', canonical: 'processing' },
	executed: { label: 'Vyřízeno', canonical: 'completed' },
	cancelled: { label: 'Storno', canonical: 'cancelled' },
};

const isTrue = (value: string | undefined) => value === 'true';

/** A copy without undefined members (deleting them instead would leave V8 slower, bigger dictionary objects). */
function defined<T extends object>(value: T): T {
	const out: Record<string, unknown> = {};
	for (const key in value) if (value[key] !== undefined) out[key] = value[key];
	return out as T;
}

function num(value: string | undefined, field: string, orderId: string): number | undefined {
	if (value === undefined || value === '') return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed)) throw new Error(`POHODA order ${orderId}: ${field} "${value}" is not a number`);
	return parsed;
}

function statusOf(order: WireOrder): VendorStatus & { canonical: CanonicalStatus } {
	const header = order.orderHeader ?? {};
	const items = order.orderDetail?.orderItem ?? [];
	const code = header.storno === 'cancelledDocument' || header.dateCancellation
		? 'cancelled'
		: isTrue(header.isExecuted)
			? 'executed'
			: isTrue(header.isDelivered) || items.some((i) => Number(i.delivered ?? 0) > 0)
				? 'processing'
				: 'new';
	return { code, ...POHODA_STATUSES[code] };
}

function address(wire: WireAddress | undefined): Address | undefined {
	if (!wire) return undefined;
	const result: Address = defined({
		company: textOf(wire.company),
		name: textOf(wire.name),
		street: textOf(wire.street),
		city: textOf(wire.city),
		postcode: textOf(wire.zip),
		country: wire.country?.ids,
		phone: textOf(wire.phone) ?? textOf(wire.mobilPhone),
		email: textOf(wire.email),
	});
	return Object.keys(result).length ? result : undefined;
}

const TAX_RATE: Record<string, number> = { none: 0 };

/** A line's prices in the order's currency: the foreign one when the order has one, else the home currency. */
function line(item: WireOrderItem, orderId: string, foreign: boolean): OrderLine {
	const sku = textOf(item.code) ?? item.stockItem?.stockItem?.ids;
	const prices = foreign ? item.foreignCurrency : item.homeCurrency;
	return defined<OrderLine>({
		id: item.id,
		sku,
		name: textOf(item.text) ?? sku ?? '',
		quantity: num(item.quantity, 'orderItem/quantity', orderId) ?? 0,
		delivered: num(item.delivered, 'orderItem/delivered', orderId),
		unitPrice: num(prices?.unitPrice, 'orderItem/unitPrice', orderId),
		taxRate: item.rateVAT ? TAX_RATE[item.rateVAT] : undefined,
		total: num(prices?.priceSum, 'orderItem/priceSum', orderId),
	});
}

/** Whether the lines' unit prices include VAT (ord:payVAT, false when absent); undefined when the lines differ. */
function pricesIncludeVat(items: WireOrderItem[]): boolean | undefined {
	const kinds = new Set(items.filter((item) => item.homeCurrency?.unitPrice !== undefined || item.foreignCurrency?.unitPrice !== undefined).map((item) => isTrue(item.payVAT)));
	return kinds.size === 1 ? [...kinds][0] : undefined;
}

function grossTotal(order: WireOrder, orderId: string): number | undefined {
	const foreign = order.orderSummary?.foreignCurrency?.priceSum;
	if (foreign !== undefined) return num(foreign, 'foreignCurrency/priceSum', orderId);
	const home = order.orderSummary?.homeCurrency;
	if (!home) return undefined;
	const parts = ['priceNone', 'priceLowSum', 'priceHighSum', 'price3Sum'].map((k) => num(home[k], `homeCurrency/${k}`, orderId) ?? 0);
	return roundMoney(parts.reduce((a, b) => a + b, 0));
}

/** Home-currency units for one unit of the foreign currency (POHODA keeps a rate for an amount, e.g. 100 HUF). */
function exchangeRate(order: WireOrder, orderId: string): number | undefined {
	const foreign = order.orderSummary?.foreignCurrency;
	const rate = num(foreign?.rate, 'foreignCurrency/rate', orderId);
	if (!rate) return undefined;
	const amount = num(foreign?.amount, 'foreignCurrency/amount', orderId) || 1;
	return rate / amount;
}

export interface ToOrderOptions {
	keepRaw?: boolean;
	/** The accounting unit's currency, the currency of an order without a foreign one */
	homeCurrency?: string;
}

/** A received order from POHODA in the core model; `raw` keeps POHODA's own data when asked. */
export function toOrder(wire: WireOrder, options: ToOrderOptions = {}): Order {
	const header = wire.orderHeader ?? {};
	const id = header.id;
	if (!id) throw new Error('POHODA returned an order without orderHeader/id');
	const status = statusOf(wire);
	const billing = address(header.partnerIdentity?.address);
	const shipping = address(header.partnerIdentity?.shipToAddress?.[0]);
	const externalIds: Record<string, string> = { pohoda: id };
	const extId = header.extId?.ids;
	if (extId) {
		externalIds.shop = extId;
		if (header.extId?.exSystemName && header.extId.exSystemName !== SYSTEM) externalIds[header.extId.exSystemName] = extId;
	}
	const numberOrder = textOf(header.numberOrder);
	if (numberOrder) externalIds.shopNumber = numberOrder;
	const invoice = wire.linkedDocuments?.link?.find((l) => l.sourceAgenda === 'issuedInvoice');
	const gross = grossTotal(wire, id);
	const foreignCurrency = wire.orderSummary?.foreignCurrency?.currency?.ids;
	return defined<Order>({
		system: SYSTEM,
		id,
		number: textOf(header.number?.numberRequested) ?? header.number?.ids,
		externalIds,
		status: { code: status.code, label: status.label },
		canonicalStatus: status.canonical,
		customer: defined({
			id: header.partnerIdentity?.id,
			email: billing?.email,
			name: billing?.name ?? billing?.company,
			phone: billing?.phone,
			country: billing?.country ?? shipping?.country,
		}),
		billingAddress: billing,
		shippingAddress: shipping,
		lines: (wire.orderDetail?.orderItem ?? []).map((item) => line(item, id, foreignCurrency !== undefined)),
		linePricesIncludeTax: pricesIncludeVat(wire.orderDetail?.orderItem ?? []),
		// Dodáno (exported only), or a linked consignment (Zásilky): the goods left; no tracking number is listed.
		shipped: isTrue(header.isDelivered) || wire.linkedDocuments?.link?.some((l) => l.sourceAgenda === 'shipments') || undefined,
		currency: foreignCurrency ?? options.homeCurrency,
		exchangeRate: foreignCurrency === undefined ? undefined : exchangeRate(wire, id),
		totals: gross === undefined ? undefined : { gross },
		documents: invoice?.sourceDocument
			? { invoiceId: invoice.sourceDocument.id, invoiceNumber: invoice.sourceDocument.number }
			: undefined,
		note: textOf(header.note),
		createdAt: header.date,
		raw: options.keepRaw === false ? undefined : wire,
	});
}
