import type { CanonicalStatus, VendorStatus } from './status';

export interface Address {
	name?: string;
	company?: string;
	street?: string;
	city?: string;
	postcode?: string;
	/** ISO 3166-1 alpha-2 */
	country?: string;
	region?: string;
	phone?: string;
	email?: string;
}

export interface Customer {
	id?: string;
	email?: string;
	name?: string;
	phone?: string;
	/** BCP 47 language tag or ISO 639-1 code, e.g. "sk", "pl-PL" */
	language?: string;
	country?: string;
	region?: string;
	/** Company registration number (IČO), for finding a company customer in an ERP's address book */
	companyId?: string;
}

/** The offer (price-list row) a marketplace position was accepted against. */
export interface BoundOffer {
	supplier?: string;
	/** Purchase price per unit */
	price?: number;
	deliveryDays?: number;
	available?: number;
}

export interface OrderLine {
	id?: string;
	sku?: string;
	productId?: string;
	name: string;
	quantity: number;
	delivered?: number;
	backordered?: number;
	unitPrice?: number;
	/** Tax rate in percent */
	taxRate?: number;
	total?: number;
	/** The offer an accepted marketplace position is bound to */
	offer?: BoundOffer;
}

export interface Tracking {
	carrier?: string;
	number: string;
	url?: string;
}

export interface OrderDocuments {
	invoiceNumber?: string;
	invoiceId?: string;
	/** Where the invoice PDF can be had: a URL, or a vendor reference the connector understands */
	pdfReference?: string;
	/** The sales document that realised the order when it is not an invoice we know (a generic ERP's Realised field) */
	salesDocument?: string;
}

export interface Order {
	/** Which system this record comes from, e.g. "woocommerce", "pohoda", "ozon" */
	system: string;
	id: string;
	number?: string;
	/** The same order's ids in other systems, by system name */
	externalIds: Record<string, string>;
	status: VendorStatus;
	canonicalStatus?: CanonicalStatus;
	customer: Customer;
	billingAddress?: Address;
	shippingAddress?: Address;
	lines: OrderLine[];
	/** Whether the lines' unit prices and totals include tax, when the source system says so */
	linePricesIncludeTax?: boolean;
	/** ISO 4217 code of the prices and totals */
	currency?: string;
	/** Units of the ERP's home currency for one unit of `currency`, when known (POHODA: the document's rate) */
	exchangeRate?: number;
	totals?: { net?: number; tax?: number; shipping?: number; gross?: number };
	tracking?: Tracking[];
	/** The ERP says the goods left (POHODA: Dodáno); a tracking number says so too */
	shipped?: boolean;
	documents?: OrderDocuments;
	note?: string;
	createdAt?: string;
	updatedAt?: string;
	/** The vendor payload the order was mapped from */
	raw?: unknown;
}

export const CHANGE_KINDS = ['created', 'status_changed', 'edited', 'cancelled', 'completed', 'shipped'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface LineChange {
	key: string;
	sku?: string;
	/** Set when the line has one, so a line without SKU can be found again */
	productId?: string;
	name: string;
	quantityBefore?: number;
	quantityAfter?: number;
	unitPriceBefore?: number;
	unitPriceAfter?: number;
}

export interface LineDiff {
	added: OrderLine[];
	removed: OrderLine[];
	changed: LineChange[];
	/** ISO 4217 code of the unit prices in it, when the source order says */
	currency?: string;
	/** Whether the unit prices in it include tax, when the source order says (a shop needs this to apply them) */
	pricesIncludeTax?: boolean;
}

export interface ChangeEvent {
	system: string;
	kind: ChangeKind;
	order: Order;
	previousStatus?: VendorStatus;
	newStatus: VendorStatus;
	changedAt: string;
	lineDiff?: LineDiff;
}
