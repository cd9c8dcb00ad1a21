/** The parts of IdoSell Admin API answers the connector reads. Dates are shop-local `YYYY-MM-DD HH:MM:SS`. */

export interface IdoSellFault {
	faultCode: number;
	faultString: string;
}

export interface IdoSellProduct {
	productId?: number;
	productName?: string;
	productCode?: string;
	productSizeCodeExternal?: string;
	sizeId?: string;
	productQuantity?: number;
	/** Gross unit price in the order's currency */
	productOrderPrice?: number;
	productVat?: number;
	basketPosition?: number;
}

export interface IdoSellOrder {
	orderId: string;
	orderSerialNumber: number;
	clientResult?: {
		clientAccount?: { clientId?: number; clientEmail?: string; clientPhone1?: string };
		clientBillingAddress?: {
			clientFirstName?: string;
			clientLastName?: string;
			clientFirm?: string;
			clientStreet?: string;
			clientZipCode?: string;
			clientCity?: string;
			clientCountryId?: string;
			clientPhone1?: string;
		};
	};
	orderDetails?: {
		/** A built-in status code; for an order in one of the shop's own statuses, the built-in it sits under */
		orderStatus?: string;
		/** The numeric id of the status, own or built-in */
		orderStatusId?: number;
		orderAddDate?: string;
		orderChangeDate?: string;
		orderNote?: string;
		payments?: { orderCurrency?: { currencyId?: string; orderProductsCost?: number; orderDeliveryCost?: number } };
		dispatch?: { courierId?: number; deliveryPackageId?: string };
		productsResults?: IdoSellProduct[];
	};
}

/** `POST /orders/orders/search`: a page, or fault 2 when the page is empty. */
export interface IdoSellSearchAnswer {
	Results?: IdoSellOrder[];
	resultsNumberAll?: number;
	resultsNumberPage?: number;
	resultsPage?: number;
	resultsLimit?: number;
	errors?: IdoSellFault;
}

/** One order's outcome in PUT /orders/orders. */
export type IdoSellOrderResult = Partial<IdoSellFault> & {
	orderSerialNumber?: number | string;
	orderStatus?: string;
	orderStatusId?: number;
};

/** PUT /orders/orders: a result per order; `errors` beside them when the whole call failed. */
export interface IdoSellBatchAnswer {
	results?: { ordersResults?: IdoSellOrderResult[] };
	errors?: IdoSellFault;
}

/** POST /orders/packages: per order (`eventId`) a result per parcel, each with its own `errors`. */
export interface IdoSellPackagesAnswer {
	results?: Array<{ eventId?: string | number; packagesResults?: Array<{ deliveryPackageId?: number; errors?: IdoSellFault }> }>;
	errors?: IdoSellFault;
}

/** POST /orders/documents: a result per document, each with its own `errors`. */
export interface IdoSellDocumentsAnswer {
	documentsResults?: Array<{ id?: number; orderSerialNumber?: number | string; name?: string; errors?: IdoSellFault }>;
	errors?: IdoSellFault;
}

/** GET /orders/statuses: the built-in statuses (no parent) and the shop's own, each under a built-in. */
export interface IdoSellStatusesAnswer {
	statuses?: Array<{ id: number | string; parentId?: number | string | null; panelName?: string }>;
}

/** GET /system/serverTime: the shop's clock as a UNIX timestamp in seconds. */
export interface IdoSellServerTimeAnswer {
	time?: number | string;
	errors?: IdoSellFault;
}
