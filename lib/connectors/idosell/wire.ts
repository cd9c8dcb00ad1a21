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
		orderStatus?: string;
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

/** One order's outcome in a batch write (orders, packages, documents). */
export type IdoSellOrderResult = Partial<IdoSellFault> & {
	orderSerialNumber?: number | string;
	eventId?: number | string;
	documentId?: number;
};

export interface IdoSellBatchAnswer {
	results?: { ordersResults?: IdoSellOrderResult[] };
	errors?: IdoSellFault;
}

export interface IdoSellStatusesAnswer {
	statuses?: Array<{ id: string | number; name?: string }>;
}
