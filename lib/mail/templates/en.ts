import { letter, memo } from './layout';
import type { LanguagePack } from './types';

const closing = 'Kind regards,';

export const en: LanguagePack = {
	locale: 'en-GB',
	greeting: (name) => (name ? `Dear ${name},` : 'Hello,'),
	labels: {
		product: 'Item',
		quantity: 'Qty',
		unitPrice: 'Unit price',
		amount: 'Amount',
		total: 'Total',
		added: 'Added',
		removed: 'Removed',
		changed: 'Changed',
		quantityWord: 'quantity',
		priceWord: 'price',
		trackParcel: 'Track your parcel',
		decide: 'Accept or reject the order',
	},
	invoiceAttached: (number) => (number ? `Invoice ${number} is attached as a PDF.` : 'Your invoice is attached as a PDF.'),
	templates: {
		order_confirmation: {
			subject: 'Order {{orderNumber}} confirmed – {{shopName}}',
			html: letter(
				'<p>Thank you for your order at {{shopName}}. We have received it and are getting it ready.</p>\n{{linesTable}}\n<p>Total to pay: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_confirmation_resend: {
			subject: 'Copy of your order confirmation {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>As requested, here is the confirmation of your order {{orderNumber}} once more.</p>\n{{linesTable}}\n<p>Total to pay: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_imported: {
			subject: 'We are processing your order {{orderNumber}}',
			html: letter(
				'<p>Your order {{orderNumber}} has been passed to our warehouse and is being processed now. We will let you know as soon as it moves on.</p>',
				closing,
			),
		},
		ready: {
			subject: 'Your order {{orderNumber}} is ready',
			html: letter(
				'<p>Good news: every item of your order {{orderNumber}} is in stock and the order is ready for dispatch.</p>',
				closing,
			),
		},
		backordered: {
			subject: 'Order {{orderNumber}}: some items are delayed',
			html: letter(
				'<p>Unfortunately, some items of your order {{orderNumber}} are out of stock at the moment. We will send them as soon as they arrive.</p>\n{{backorderedLines}}\n<p>If you would like to change or cancel the order, simply reply to this e-mail.</p>',
				closing,
			),
		},
		shipped: {
			subject: 'Your order {{orderNumber}} is on its way',
			html: letter(
				'<p>Your order {{orderNumber}} has been handed over to the carrier.</p>\n<p>Tracking number: <strong>{{trackingNumber}}</strong></p>\n<p>{{trackingLink}}</p>',
				closing,
			),
		},
		completed: {
			subject: 'Your order {{orderNumber}} is complete',
			html: letter(
				'<p>Your order {{orderNumber}} is complete. Thank you for shopping with us – we look forward to seeing you again.</p>\n<p>{{invoiceNote}}</p>',
				closing,
			),
		},
		invoiced: {
			subject: 'Invoice for your order {{orderNumber}}',
			html: letter(
				'<p>Please find attached the invoice for your order {{orderNumber}}.</p>\n<p>{{invoiceNote}}</p>\n<p>Thank you for your purchase.</p>',
				closing,
			),
		},
		cancelled: {
			subject: 'Your order {{orderNumber}} has been cancelled',
			html: letter(
				'<p>Your order {{orderNumber}} has been cancelled. If you have already paid, we will refund you within the next few days.</p>\n<p>If you did not ask for the cancellation, please reply to this e-mail.</p>',
				closing,
			),
		},
		order_edited: {
			subject: 'Changes to your order {{orderNumber}}',
			html: letter(
				'<p>We have had to make the following changes to your order {{orderNumber}}:</p>\n{{changedLines}}\n<p>New total: <strong>{{total}}</strong></p>\n<p>If you have any questions, just reply to this e-mail.</p>',
				closing,
			),
		},
		new_external_order: {
			subject: 'New order {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>A new order has come in through the sales channel {{sourceSystem}}.</p>\n<p>Order: <strong>{{orderNumber}}</strong><br>Customer: {{customerName}}<br>Amount: {{total}}</p>\n{{linesTable}}\n<p>Remember to accept or reject the items in time.</p>',
			),
		},
		decision_needed: {
			subject: 'Decision needed: order {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Order {{orderNumber}} from the sales channel {{sourceSystem}} waits for your decision.</p>\n<p>Order: <strong>{{orderNumber}}</strong><br>Customer: {{customerName}}<br>Amount: {{total}}</p>\n{{linesTable}}\n<p>{{decisionLink}}</p>\n<p>The order waits until someone decides.</p>',
			),
		},
	},
};
