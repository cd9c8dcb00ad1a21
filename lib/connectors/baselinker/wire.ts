/** BaseLinker connector.php answers as sent: ids as numbers, flags often as "0"/"1" strings, times as unix seconds. */
export type Flag = boolean | number | string;

export interface BlProduct {
	order_product_id: number;
	storage?: string;
	storage_id?: string | number;
	product_id?: string | number;
	variant_id?: string | number;
	name: string;
	sku?: string;
	ean?: string;
	attributes?: string;
	price_brutto: number | string;
	tax_rate: number | string;
	quantity: number | string;
}

export interface BlOrder {
	order_id: number;
	shop_order_id?: number;
	external_order_id?: string;
	order_source?: string;
	order_source_id?: number;
	order_status_id: number | string;
	confirmed: Flag;
	date_confirmed: number;
	date_add: number;
	date_in_status?: number;
	user_login?: string;
	phone?: string;
	email?: string;
	user_comments?: string;
	admin_comments?: string;
	currency?: string;
	payment_method?: string;
	payment_method_cod?: Flag;
	payment_done?: number | string;
	delivery_method?: string;
	delivery_price?: number | string;
	delivery_package_module?: string;
	delivery_package_nr?: string;
	delivery_fullname?: string;
	delivery_company?: string;
	delivery_address?: string;
	delivery_city?: string;
	delivery_postcode?: string;
	delivery_country_code?: string;
	invoice_fullname?: string;
	invoice_company?: string;
	invoice_address?: string;
	invoice_city?: string;
	invoice_postcode?: string;
	invoice_country_code?: string;
	want_invoice?: Flag;
	products: BlProduct[];
}

export interface BlStatus {
	id: number;
	name: string;
	name_for_customer?: string;
	color?: string;
}

export interface BlJournalEntry {
	log_id: number;
	log_type: number;
	order_id: number;
	object_id?: number;
	/** unix seconds */
	date: number;
}

export interface BlPackage {
	package_id: number;
	courier_package_nr: string;
	courier_code: string;
	courier_other_name?: string;
}

export interface BlInvoice {
	invoice_id: number;
	order_id: number;
	number?: string;
}

export interface BlAnswer {
	status: 'SUCCESS' | 'ERROR';
	error_code?: string;
	error_message?: string;
}
