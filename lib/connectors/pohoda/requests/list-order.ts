import { clip, leaf, node, optional } from '../xml';

/** ftr:count allows at most 10,000 records per request. */
export const MAX_PAGE_SIZE = 10_000;

export interface OrderFilter {
	id?: number;
	/** The shop's order id kept in ord:extId */
	extId?: { ids: string; system: string };
	dateFrom?: string;
	dateTill?: string;
	/** Document numbers (ord:number) */
	numbers?: string[];
	/** POHODA local time, `YYYY-MM-DDTHH:mm:ss` */
	lastChanges?: string;
}

export interface ListOrderRequest {
	/**
	 * The external system whose ids POHODA exports in ord:extId (the exSystemName used at import); without it mServer
	 * need not export the shop's order id at all (list.xsd, listOrderRequest/@extSystem).
	 */
	extSystem: string;
	filter?: OrderFilter;
	/** First POHODA id of the page (records are returned by ascending id) */
	idFrom?: number;
	count?: number;
}

/** `lst:listOrderRequest` for received orders, with paging and the documented filters. */
export function listOrderRequest(request: ListOrderRequest): string {
	const filter = request.filter ?? {};
	const count = request.count === undefined ? undefined : Math.min(Math.max(1, Math.floor(request.count)), MAX_PAGE_SIZE);
	return node(
		'lst:listOrderRequest',
		[
			optional('lst:limit', [leaf('ftr:idFrom', request.idFrom), leaf('ftr:count', count)]),
			node(
				'lst:requestOrder',
				optional('ftr:filter', [
					leaf('ftr:id', filter.id),
					filter.extId
						? node('ftr:extId', [leaf('typ:ids', filter.extId.ids, 64), leaf('typ:exSystemName', filter.extId.system, 64)])
						: '',
					leaf('ftr:dateFrom', filter.dateFrom),
					leaf('ftr:dateTill', filter.dateTill),
					filter.numbers?.length
						? node(
								'ftr:selectedNumbers',
								filter.numbers.map((n) => node('ftr:number', leaf('typ:numberRequested', n, 32))),
							)
						: '',
					leaf('ftr:lastChanges', filter.lastChanges),
				]),
			),
		],
		{ version: '2.0', orderType: 'receivedOrder', orderVersion: '2.0', extSystem: clip(request.extSystem, 64) },
	);
}
