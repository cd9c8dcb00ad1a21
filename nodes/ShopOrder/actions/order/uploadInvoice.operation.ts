import { NodeOperationError, type INodeProperties } from 'n8n-workflow';
import { SHOPS } from '../../../../lib/connectors/shops';
import { shopsWith } from '../../../shared/shop';
import { asJson, currentOrder, param, showFor, type ItemContext, type Json } from '../types';

export const option = { name: 'Upload Invoice PDF', value: 'uploadInvoice', action: 'Upload an invoice PDF to an order' };
export const takesOrderId = true;
export const writes = true;

const uploading = shopsWith('uploadInvoice');
const linking = shopsWith('uploadInvoice', false);

export const description: INodeProperties[] = [
	// Shops without an attachment endpoint: the notice says so, and the invoice goes out as a link in a customer note.
	...SHOPS.filter((shop) => linking.includes(shop.value)).map<INodeProperties>((shop) => ({
		displayName: `${shop.name} has no endpoint to attach a file to an order. Give the invoice's URL to add it as a customer note with the link; without a URL the operation fails for ${shop.name}.`,
		name: 'invoiceNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('uploadInvoice', [shop.value]),
	})),
	...(uploading.length
		? [
				{
					displayName: 'Input Binary Field',
					name: 'binaryPropertyName',
					type: 'string' as const,
					default: 'data',
					description: 'The binary field holding the PDF',
					displayOptions: showFor('uploadInvoice', uploading),
				},
			]
		: []),
	...(linking.length
		? [
				{
					displayName: 'Invoice URL',
					name: 'invoiceUrl',
					type: 'string' as const,
					default: '',
					placeholder: 'https://erp.example.com/invoices/2024-0012.pdf',
					description: 'Where the customer can download the invoice; used when the shop cannot store the PDF itself',
					displayOptions: showFor('uploadInvoice', linking),
				},
				{
					displayName: 'Note Text',
					name: 'invoiceNote',
					type: 'string' as const,
					default: 'Your invoice is ready: {link}',
					description: 'The customer note; {link} becomes the invoice address',
					displayOptions: showFor('uploadInvoice', linking),
				},
			]
		: []),
];

export async function execute(ctx: ItemContext): Promise<Json[]> {
	const { shop, orderId } = ctx;
	if (shop.uploadInvoice) {
		const property = param<string>(ctx, 'binaryPropertyName', 'data');
		const binary = ctx.fn.helpers.assertBinaryData(ctx.index, property);
		const pdf = await ctx.fn.helpers.getBinaryDataBuffer(ctx.index, property);
		const uploaded = await shop.uploadInvoice(orderId, pdf, binary.fileName ?? `invoice-${orderId}.pdf`);
		return [{ order: asJson(await currentOrder(ctx)), invoice: { method: 'upload', ...uploaded } }];
	}
	const url = String(param<string>(ctx, 'invoiceUrl', '') ?? '').trim();
	if (!url) {
		throw new NodeOperationError(ctx.fn.getNode(), `${shop.displayName} has no endpoint to attach an invoice PDF to order ${orderId}`, {
			itemIndex: ctx.index,
			description:
				'Fill in "Invoice URL" to send the customer a note with the link, or mail the PDF with the Notify Customer node.',
		});
	}
	if (!/^https?:\/\//i.test(url)) {
		throw new NodeOperationError(ctx.fn.getNode(), `"${url}" is not a web address for the invoice of order ${orderId}`, {
			itemIndex: ctx.index,
			description: 'Give an http(s) URL the customer can open.',
		});
	}
	const template = param<string>(ctx, 'invoiceNote', 'Your invoice is ready: {link}');
	const text = template.includes('{link}') ? template.split('{link}').join(url) : `${template} ${url}`;
	const { noteId } = await shop.addNote(orderId, text, true);
	return [{ order: asJson(await currentOrder(ctx)), invoice: { method: 'customerNote', noteId, url } }];
}
