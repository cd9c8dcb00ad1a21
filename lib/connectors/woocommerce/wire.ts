/** WooCommerce REST API v3 payloads, as far as this package reads or writes them. */

export interface WooMeta {
	id?: number;
	key: string;
	value: unknown;
}

export interface WooAddress {
	first_name?: string;
	last_name?: string;
	company?: string;
	address_1?: string;
	address_2?: string;
	city?: string;
	state?: string;
	postcode?: string;
	country?: string;
	email?: string;
	phone?: string;
}

export interface WooLineItem {
	id: number;
	name: string;
	product_id: number;
	variation_id?: number;
	quantity: number;
	tax_class?: string;
	subtotal: string;
	subtotal_tax?: string;
	total: string;
	total_tax: string;
	sku?: string | null;
	price?: number | string;
	/** The line's tax per rate: `id` is the rate id of a `tax_lines` entry */
	taxes?: Array<{ id: number; total: string; subtotal?: string }>;
	meta_data?: WooMeta[];
}

export interface WooShippingLine {
	id: number;
	method_id: string;
	method_title?: string;
	instance_id?: string;
	total: string;
	total_tax?: string;
}

/** One tax rate applied in the order, with its exact percentage (WooCommerce 3.7+). */
export interface WooTaxLine {
	id: number;
	rate_id: number;
	rate_code?: string;
	label?: string;
	compound?: boolean;
	tax_total?: string;
	shipping_tax_total?: string;
	rate_percent?: number;
}

export interface WooOrder {
	id: number;
	parent_id?: number;
	number?: string;
	status: string;
	currency?: string;
	date_created?: string;
	date_created_gmt?: string;
	date_modified?: string;
	date_modified_gmt?: string;
	discount_total?: string;
	shipping_total?: string;
	total?: string;
	total_tax?: string;
	customer_id?: number;
	customer_note?: string;
	billing?: WooAddress;
	shipping?: WooAddress;
	payment_method?: string;
	payment_method_title?: string;
	/** When the order was paid; REST cannot write it, the internal meta `_date_paid` (a Unix time) can */
	date_paid_gmt?: string | null;
	transaction_id?: string;
	shipping_tax?: string;
	line_items: WooLineItem[];
	shipping_lines?: WooShippingLine[];
	tax_lines?: WooTaxLine[];
	meta_data?: WooMeta[];
}

export interface WooProduct {
	id: number;
	name: string;
	sku: string;
	price?: string;
	manage_stock: boolean;
	stock_quantity: number | null;
	stock_status: 'instock' | 'outofstock' | 'onbackorder' | string;
	backorders?: 'no' | 'notify' | 'yes';
}

export interface WooError {
	code: string;
	message: string;
	data?: { status?: number; params?: Record<string, string> };
}

export interface WooBatchResult<T> {
	create?: Array<T | { id: number; error: WooError }>;
	update?: Array<T | { id: number; error: WooError }>;
	delete?: Array<T | { id: number; error: WooError }>;
}

export interface WooStatusTotal {
	slug: string;
	name: string;
	total: number;
}

export interface WooWebhook {
	id: number;
	name?: string;
	status: 'active' | 'paused' | 'disabled';
	topic: string;
	delivery_url: string;
	secret?: string;
}

export interface WooShipmentTracking {
	tracking_id: string;
	tracking_provider: string;
	tracking_link: string;
	tracking_number: string;
	date_shipped: string;
}
