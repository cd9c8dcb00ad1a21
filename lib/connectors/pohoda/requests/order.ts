import { isCurrencyCode, type Address, type Order, type OrderLine } from '../../../model';
import { toPohodaLocal } from '../time';
import { leaf, node, optional } from '../xml';

export interface ImportOrderOptions {
	/** ord:extId/typ:exSystemName: the name POHODA keeps the shop's order id under */
	externalSystem: string;
	/** Unit prices include VAT (ord:payVAT), unless the order itself says whether they do */
	pricesIncludeVat: boolean;
	/** Link lines to POHODA stock items by SKU (the SKU must exist in POHODA's stock) */
	linkStockItems: boolean;
	/** Document date, `YYYY-MM-DD`; defaults to the order's creation date */
	date?: string;
	/** IANA zone of the accounting unit, for the day an order created at an instant falls on (Europe/Prague) */
	timeZone?: string;
	/** ISO 4217 code of the accounting unit's own currency: CZK (default) for POHODA CZ, EUR for POHODA SK */
	homeCurrency?: string;
	/** F19: find the customer in the address book (by IČO, e-mail, phone) and reference them; create when absent */
	addressBook?: 'off' | 'match' | 'matchOrCreate';
	/** F20: set the address book record's region from the order's when they differ */
	updateRegion?: boolean;
	/** The address book record the order's partner is linked to (typ:id) */
	addressBookId?: number;
}

/** The order's currency when POHODA must keep it as a foreign one, with the rate the order brings, if any. */
interface ForeignCurrency {
	code: string;
	rate?: number;
}

/**
 * An order in another currency than the accounting unit's becomes a foreign-currency document. Without a rate on the
 * order, typ:rate is left out and POHODA takes the rate of its own exchange rate list for the document date.
 */
function foreignCurrencyOf(order: Order, orderName: string, homeCurrency: string): ForeignCurrency | undefined {
	const home = homeCurrency.trim().toUpperCase();
	if (!isCurrencyCode(home)) {
		throw new Error(`Home currency "${homeCurrency}" is not an ISO 4217 code; set the POHODA credential's Home Currency to e.g. CZK or EUR`);
	}
	// The order comes in as JSON from the workflow, so its fields are checked rather than trusted.
	const currency: unknown = order.currency;
	if (currency === undefined || currency === null || currency === '') return undefined;
	const code = typeof currency === 'string' ? currency.trim().toUpperCase() : '';
	if (!isCurrencyCode(code)) {
		throw new Error(
			`Order ${orderName}: currency ${JSON.stringify(currency)} is not an ISO 4217 code (three letters such as EUR or CZK); fix the order's currency field`,
		);
	}
	if (code === home) return undefined;
	const rate: unknown = order.exchangeRate;
	if (rate === undefined || rate === null) return { code };
	if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
		throw new Error(
			`Order ${orderName}: exchangeRate ${JSON.stringify(rate)} is not a positive number of ${home} per 1 ${code}; fix or remove the order's exchangeRate field`,
		);
	}
	return { code, rate };
}

function rateVat(line: OrderLine): string | undefined {
	if (line.taxRate === undefined) return undefined;
	if (line.taxRate === 0) return 'none';
	return line.taxRate >= 20 ? 'high' : 'low';
}

function address(name: string, a: Address | undefined, email?: string): string {
	if (!a && !email) return '';
	return optional(name, [
		leaf('typ:company', a?.company, 255),
		leaf('typ:name', a?.name, 64),
		leaf('typ:city', a?.city, 45),
		leaf('typ:street', a?.street, 64),
		leaf('typ:zip', a?.postcode, 15),
		a?.country ? node('typ:country', leaf('typ:ids', a.country.toUpperCase(), 19)) : '',
		leaf('typ:phone', a?.phone, 40),
		leaf('typ:email', email ?? a?.email, 98),
	]);
}

/** The offer a marketplace position was bound to (F17), as the item's note. */
function offerNote(line: OrderLine): string | undefined {
	const offer = line.offer;
	if (!offer) return undefined;
	const parts = [
		offer.supplier ? `Dodavatel: ${offer.supplier}` : '',
		offer.price !== undefined ? `nákupní cena: ${offer.price}` : '',
		offer.deliveryDays !== undefined ? `dodání: ${offer.deliveryDays} dní` : '',
	].filter(Boolean);
	return parts.length > 0 ? parts.join('; ') : undefined;
}

function orderItem(line: OrderLine, includesVat: boolean, foreign: boolean, options: ImportOrderOptions): string {
	return node('ord:orderItem', [
		leaf('ord:text', line.name, 90),
		leaf('ord:quantity', line.quantity),
		leaf('ord:payVAT', includesVat ? 'true' : 'false'),
		leaf('ord:rateVAT', rateVat(line)),
		optional(foreign ? 'ord:foreignCurrency' : 'ord:homeCurrency', [leaf('typ:unitPrice', line.unitPrice)]),
		leaf('ord:note', offerNote(line), 90),
		leaf('ord:code', line.sku, 64),
		options.linkStockItems && line.sku ? node('ord:stockItem', node('typ:stockItem', leaf('typ:ids', line.sku, 64))) : '',
	]);
}

/** The day an instant falls on in POHODA's local time: an order placed 23:30 UTC is tomorrow's in Prague. */
function localDay(iso: string | undefined, timeZone: string): string | undefined {
	if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
	try {
		return toPohodaLocal(iso, timeZone).slice(0, 10);
	} catch {
		return iso.slice(0, 10);
	}
}

/**
 * `ord:order` with actionType add: a received order carrying the shop's id in ord:extId.
 * POHODA's XML has no update for orders (actionType allows add and delete only), so nothing here changes an order.
 */
export function addOrderRequest(order: Order, shopOrderId: string, options: ImportOrderOptions): string {
	const customerEmail = order.customer.email ?? order.billingAddress?.email;
	const billing = { ...order.billingAddress, name: order.billingAddress?.name ?? order.customer.name };
	const includesVat = order.linePricesIncludeTax ?? options.pricesIncludeVat;
	const foreign = foreignCurrencyOf(order, order.number ?? shopOrderId, options.homeCurrency ?? 'CZK');
	return node(
		'ord:order',
		[
			node('ord:actionType', node('ord:add')),
			node('ord:orderHeader', [
				leaf('ord:orderType', 'receivedOrder'),
				node('ord:extId', [leaf('typ:ids', shopOrderId, 64), leaf('typ:exSystemName', options.externalSystem, 64)]),
				leaf('ord:numberOrder', order.number ?? shopOrderId, 32),
				leaf('ord:date', options.date ?? localDay(order.createdAt, options.timeZone || 'Europe/Prague')),
				leaf('ord:text', `Objednávka ${order.number ?? shopOrderId}`, 240),
				node('ord:partnerIdentity', [
					leaf('typ:id', options.addressBookId),
					address('typ:address', billing, customerEmail),
					order.shippingAddress ? address('typ:shipToAddress', order.shippingAddress) : '',
				]),
				leaf('ord:note', order.note),
			]),
			order.lines.length ? node('ord:orderDetail', order.lines.map((line) => orderItem(line, includesVat, !!foreign, options))) : '',
			foreign
				? node(
						'ord:orderSummary',
						node('ord:foreignCurrency', [
							node('typ:currency', leaf('typ:ids', foreign.code)),
							leaf('typ:rate', foreign.rate),
							foreign.rate === undefined ? '' : leaf('typ:amount', 1),
						]),
					)
				: '',
		],
		{ version: '2.0' },
	);
}
