import { roundMoney, type Address, type CanonicalStatus, type Customer, type Order, type OrderLine } from '../../model';
import { VendorError } from '../../transport';
import type { OzonPosting, OzonPrice, OzonProduct } from './wire';

export const OZON = 'ozon';

/** Ozon's FBS posting statuses in the shared vocabulary. */
export const OZON_STATUSES: Record<string, { canonical: CanonicalStatus; label: string }> = {
	awaiting_registration: { canonical: 'new', label: 'Awaiting registration' },
	acceptance_in_progress: { canonical: 'new', label: 'Acceptance in progress' },
	awaiting_approve: { canonical: 'new', label: 'Awaiting approval' },
	awaiting_packaging: { canonical: 'new', label: 'Awaiting packaging' },
	awaiting_deliver: { canonical: 'ready', label: 'Awaiting shipment' },
	arbitration: { canonical: 'on_hold', label: 'Arbitration' },
	client_arbitration: { canonical: 'on_hold', label: 'Client arbitration' },
	delivering: { canonical: 'shipped', label: 'Delivering' },
	driver_pickup: { canonical: 'shipped', label: 'Driver pickup' },
	last_mile: { canonical: 'shipped', label: 'Last mile' },
	sent_by_seller: { canonical: 'shipped', label: 'Sent by seller' },
	delivered: { canonical: 'delivered', label: 'Delivered' },
	cancelled: { canonical: 'cancelled', label: 'Cancelled' },
	cancelled_from_split_pending: { canonical: 'cancelled', label: 'Cancelled (split)' },
	not_accepted: { canonical: 'failed', label: 'Not accepted at the sorting center' },
};

const COUNTRY_CODES: Record<string, string> = {
	россия: 'RU',
	russia: 'RU',
	беларусь: 'BY',
	belarus: 'BY',
	казахстан: 'KZ',
	kazakhstan: 'KZ',
};

function priceOf(product: OzonProduct): { amount?: number; currency?: string } {
	const price: OzonPrice | undefined = product.price;
	const raw = typeof price === 'object' && price !== null ? price.amount : price;
	const currency = (typeof price === 'object' && price !== null ? price.currency : undefined) ?? product.currency_code;
	if (raw === undefined || raw === '') return { currency };
	const amount = Number(raw);
	if (!Number.isFinite(amount) || amount < 0) {
		throw new VendorError(OZON, `Ozon sent the price "${String(raw)}" for SKU ${product.sku}, which is not an amount`);
	}
	return { amount, currency };
}

const text = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

function lineOf(product: OzonProduct, postingNumber: string): OrderLine {
	if (!Number.isFinite(Number(product.sku)) || !Number.isInteger(product.quantity) || product.quantity < 0) {
		throw new VendorError(OZON, `Posting ${postingNumber} has a product without a valid SKU or quantity`, product);
	}
	const { amount } = priceOf(product);
	return {
		id: String(product.sku),
		sku: text(product.offer_id),
		productId: String(product.sku),
		name: text(product.name) ?? `SKU ${product.sku}`,
		quantity: product.quantity,
		unitPrice: amount,
		total: amount === undefined ? undefined : roundMoney(amount * product.quantity),
	};
}

/** The buyer as far as the posting tells it; without a name (Ozon delivers) the marketplace itself is the buyer. */
function customerOf(posting: OzonPosting): { customer: Customer; address?: Address } {
	const region = text(posting.customer?.address?.region) ?? text(posting.analytics_data?.region);
	const countryName = text(posting.customer?.address?.country);
	const country = countryName ? COUNTRY_CODES[countryName.toLowerCase()] : undefined;
	const name = text(posting.customer?.name) ?? text(posting.addressee?.name);
	const address: Address | undefined = posting.customer?.address
		? {
				name,
				street: text(posting.customer.address.address_tail),
				city: text(posting.customer.address.city) ?? text(posting.analytics_data?.city),
				postcode: text(posting.customer.address.zip_code),
				region,
				country,
			}
		: undefined;
	if (!name) return { customer: { id: OZON, name: 'Ozon', region, country } };
	const id = posting.customer?.customer_id ? `${OZON}:${posting.customer.customer_id}` : undefined;
	return { customer: { id, name, region, country }, address };
}

/** One posting as a core order: `id` is the posting number, lines are its positions keyed by Ozon SKU. */
export function postingToOrder(posting: OzonPosting): Order {
	if (!posting || typeof posting.posting_number !== 'string' || !posting.posting_number) {
		throw new VendorError(OZON, 'Ozon sent a posting without a posting_number', posting);
	}
	if (!Array.isArray(posting.products)) {
		throw new VendorError(OZON, `Posting ${posting.posting_number} has no product list`, posting);
	}
	const lines = posting.products.map((p) => lineOf(p, posting.posting_number));
	const currency = posting.products.map(priceOf).find((p) => p.currency)?.currency;
	const gross = lines.every((l) => l.total !== undefined) ? roundMoney(lines.reduce((sum, l) => sum + (l.total ?? 0), 0)) : undefined;
	const known = OZON_STATUSES[posting.status];
	const { customer, address } = customerOf(posting);
	return {
		system: OZON,
		id: posting.posting_number,
		number: posting.order_number ?? posting.posting_number,
		externalIds: { [OZON]: posting.posting_number },
		status: { code: posting.status, label: known?.label ?? posting.substatus ?? posting.status },
		canonicalStatus: known?.canonical,
		customer,
		shippingAddress: address,
		lines,
		currency,
		totals: gross === undefined ? undefined : { gross },
		tracking: text(posting.tracking_number) ? [{ number: posting.tracking_number as string, carrier: text(posting.delivery_method?.tpl_provider) }] : undefined,
		note: text(posting.customer?.address?.comment),
		createdAt: posting.in_process_at,
		raw: posting,
	};
}
