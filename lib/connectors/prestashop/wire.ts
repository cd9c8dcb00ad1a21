/**
 * PrestaShop webservice records as this connector reads them from XML: every value a string (the webservice's
 * own form: "26.200000", "0", "0000-00-00 00:00:00"), multilingual fields by language id.
 */

export interface PsOrderRow {
	id: string;
	product_id: string;
	product_attribute_id: string;
	product_quantity: string;
	product_name: string;
	product_reference: string;
	product_price: string;
	unit_price_tax_incl: string;
	unit_price_tax_excl: string;
}

export interface PsOrder {
	id: string;
	reference: string;
	id_customer: string;
	id_address_delivery: string;
	id_address_invoice: string;
	id_currency: string;
	id_lang: string;
	id_carrier: string;
	id_shop: string;
	current_state: string;
	valid: string;
	payment: string;
	module: string;
	invoice_number: string;
	shipping_number: string;
	note: string;
	total_paid_tax_incl: string;
	total_paid_tax_excl: string;
	total_shipping_tax_incl: string;
	total_products: string;
	conversion_rate: string;
	/** Shop-local wall time without offset, "YYYY-MM-DD HH:MM:SS" */
	date_add: string;
	date_upd: string;
	rows: PsOrderRow[];
	/** Every field as it came, for `raw` */
	fields: Record<string, string>;
}

export interface PsOrderState {
	id: string;
	name: Record<string, string>;
	template: Record<string, string>;
	send_email: string;
	paid: string;
	shipped: string;
	delivery: string;
	invoice: string;
	hidden: string;
	deleted: string;
	logable: string;
	unremovable: string;
	module_name: string;
}

export interface PsLanguage {
	id: string;
	iso_code: string;
	locale: string;
	name: string;
	active: string;
}

export interface PsCustomer {
	id: string;
	email: string;
	firstname: string;
	lastname: string;
	company: string;
	id_lang: string;
}

export interface PsAddress {
	id: string;
	id_country: string;
	company: string;
	firstname: string;
	lastname: string;
	address1: string;
	address2: string;
	postcode: string;
	city: string;
	phone: string;
	phone_mobile: string;
}

export interface PsOrderCarrier {
	id: string;
	id_order: string;
	id_carrier: string;
	tracking_number: string;
	fields: Record<string, string>;
}

export interface PsCarrier {
	id: string;
	name: string;
	url: string;
}

export interface PsOrderHistory {
	id: string;
	id_order: string;
	id_order_state: string;
	date_add: string;
}

export interface PsCustomerThread {
	id: string;
	id_order: string;
	id_customer: string;
}
