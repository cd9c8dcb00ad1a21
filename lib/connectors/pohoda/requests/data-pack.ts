import { escapeXml, node } from '../xml';

const NS = 'http://www.stormware.cz/schema/version_2';
/** Every namespace our agenda builders write, declared once on the dataPack. */
const NAMESPACES: Record<string, string> = {
	dat: 'data.xsd',
	typ: 'type.xsd',
	ord: 'order.xsd',
	lst: 'list.xsd',
	ftr: 'filter.xsd',
	inv: 'invoice.xsd',
	prn: 'print.xsd',
	adb: 'addressbook.xsd',
	lAdb: 'list_addBook.xsd',
};

export interface DataPackHeader {
	/** dataPack/@id: with STW-Check-Duplicity, a repeated id + item id is refused as a duplicate */
	id: string;
	ico: string;
	application: string;
	note: string;
}

export interface DataPackItem {
	id: string;
	/** One agenda element, already built */
	body: string;
}

/** A `dat:dataPack` version 2.0 in UTF-8 with one `dat:dataPackItem` per agenda element. */
export function dataPack(header: DataPackHeader, items: DataPackItem[]): string {
	const xmlns = Object.entries(NAMESPACES)
		.map(([prefix, file]) => ` xmlns:${prefix}="${NS}/${file}"`)
		.join('');
	const attrs = ` version="2.0" id="${escapeXml(header.id.slice(0, 64))}" ico="${escapeXml(header.ico)}" application="${escapeXml(
		header.application.slice(0, 100),
	)}" note="${escapeXml(header.note)}"`;
	const body = items.map((item) => node('dat:dataPackItem', item.body, { version: '2.0', id: item.id.slice(0, 64) })).join('');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<dat:dataPack${xmlns}${attrs}>${body}</dat:dataPack>`;
}
