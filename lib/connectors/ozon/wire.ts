/** Ozon Seller API wire types (FBS postings), as far as this package reads or writes them. */

/** `/v3/...` write a price as a decimal string; `/v4/posting/fbs/list` as `{ amount, currency }`. */
export type OzonPrice = string | { amount?: string | number; currency?: string };

export interface OzonProduct {
	/** Ozon SKU, the id of a position in cancel and ship calls */
	sku: number;
	offer_id?: string;
	name?: string;
	quantity: number;
	price?: OzonPrice;
	currency_code?: string;
}

export interface OzonAddress {
	address_tail?: string;
	city?: string;
	country?: string;
	region?: string;
	district?: string;
	zip_code?: string;
	comment?: string;
}

export interface OzonPosting {
	posting_number: string;
	order_id?: number;
	order_number?: string;
	status: string;
	substatus?: string;
	in_process_at?: string;
	shipment_date?: string;
	tracking_number?: string;
	products: OzonProduct[];
	/** Only for postings the seller delivers (rFBS); the phone is always empty */
	customer?: { customer_id?: number; name?: string; phone?: string; address?: OzonAddress } | null;
	addressee?: { name?: string; phone?: string } | null;
	analytics_data?: { region?: string; city?: string; delivery_type?: string; warehouse?: string } | null;
	delivery_method?: { id?: number; name?: string; warehouse?: string; tpl_provider?: string } | null;
	cancellation?: { cancel_reason_id?: number; cancel_reason?: string; cancellation_type?: string } | null;
}

export interface OzonListV4Response {
	postings: OzonPosting[];
	has_next: boolean;
	cursor?: string;
}

export interface OzonCancelReason {
	id: number;
	title: string;
	type_id?: string;
	is_available_for_cancellation?: boolean;
}

export interface OzonStatusResult {
	posting_number: string;
	result: boolean;
	error?: string[];
}

export interface OzonErrorBody {
	code?: number;
	message?: string;
	details?: unknown[];
}
