/**
 * ZZAP seller web service wire types (datasharing.asmx, JSON inside an XML `<string>`), as far as this package reads
 * them. The wiki documents code_order, create_date, class_man, partnumber, class_cat, comment, qty_order and qty;
 * the price, status, reply, last-event and buyer fields are not in the public wiki and are read only when present.
 */

/** Every answer: `error` is empty on success. */
export interface ZzapAnswer {
	error?: string;
	row_count?: number;
}

export interface ZzapStatus {
	code_track: number | string;
	descr_track?: string;
}

export interface ZzapCodesTrackAnswer extends ZzapAnswer {
	table?: ZzapStatus[];
}

/** One position: ZZAP's order code is per part number, a buyer's order is several of them. */
export interface ZzapPosition {
	code_order: number | string;
	/** Moscow time without an offset */
	create_date: string;
	class_man?: string;
	partnumber?: string;
	class_cat?: string;
	comment?: string;
	qty_order?: number | string;
	/** Availability from the seller's price list: a number or "В наличии", "Есть", "Заказ" */
	qty?: number | string;
	price?: number | string;
	code_track?: number | string;
	descr_track?: string;
	response?: string;
	date_last?: string;
	client_name?: string;
	client_phone?: string;
	client_email?: string;
	client_region?: string;
}

export interface ZzapSellerOrdersAnswer extends ZzapAnswer {
	table?: ZzapPosition[];
}
