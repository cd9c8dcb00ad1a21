/** POHODA's XML as fast-xml-parser gives it back (namespace prefixes removed, attributes as "@name", texts as strings). */

export type Text = string | { '#text'?: string };

export interface WireRef {
	id?: string;
	ids?: string;
}

export interface WireExtId {
	ids?: string;
	exSystemName?: string;
}

export interface WireAddress {
	company?: Text;
	name?: Text;
	city?: Text;
	street?: Text;
	zip?: Text;
	country?: WireRef;
	phone?: Text;
	mobilPhone?: Text;
	email?: Text;
}

export interface WireOrderItem {
	id?: string;
	text?: Text;
	quantity?: string;
	delivered?: string;
	unit?: string;
	payVAT?: string;
	rateVAT?: string;
	homeCurrency?: { unitPrice?: string; price?: string; priceVAT?: string; priceSum?: string };
	foreignCurrency?: { unitPrice?: string; priceSum?: string };
	code?: Text;
	stockItem?: { stockItem?: WireRef };
	note?: Text;
}

export interface WireLink {
	sourceAgenda?: string;
	sourceDocument?: { id?: string; number?: string };
}

export interface WireOrderHeader {
	id?: string;
	extId?: WireExtId;
	orderType?: string;
	storno?: string;
	number?: { numberRequested?: Text; ids?: string };
	numberOrder?: Text;
	date?: string;
	dateDelivery?: string;
	text?: Text;
	partnerIdentity?: { id?: string; address?: WireAddress; shipToAddress?: WireAddress[] };
	isExecuted?: string;
	isDelivered?: string;
	isReserved?: string;
	dateCancellation?: string;
	note?: Text;
	intNote?: Text;
}

export interface WireOrder {
	'@version'?: string;
	orderHeader?: WireOrderHeader;
	orderDetail?: { orderItem?: WireOrderItem[] };
	orderSummary?: {
		homeCurrency?: Record<string, string | undefined>;
		foreignCurrency?: { currency?: WireRef; rate?: string; amount?: string; priceSum?: string };
	};
	linkedDocuments?: { link?: WireLink[] };
}

export interface WireDetail {
	state?: string;
	errno?: string;
	note?: Text;
	XPath?: string;
}

export interface WireDocumentResponse {
	'@state'?: string;
	importDetails?: { detail?: WireDetail[] };
	producedDetails?: { id?: string; number?: string; extId?: WireExtId };
	printDetails?: { attachments?: { attachment?: Array<{ idReport?: string; data?: Text }> } };
}
