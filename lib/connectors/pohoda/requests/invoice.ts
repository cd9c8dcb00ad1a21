import { leaf, node } from '../xml';

/** `inv:invoice`: an issued invoice made from a received order, which POHODA then marks as executed. */
export function invoiceFromOrderRequest(orderId: number, text?: string): string {
	return node(
		'inv:invoice',
		[
			node(
				'inv:links',
				node('typ:link', [
					leaf('typ:sourceAgenda', 'receivedOrder'),
					node('typ:sourceDocument', leaf('typ:id', orderId)),
				]),
			),
			node('inv:invoiceHeader', [leaf('inv:invoiceType', 'issuedInvoice'), leaf('inv:text', text, 240)]),
		],
		{ version: '2.0' },
	);
}
