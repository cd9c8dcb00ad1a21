import type { NotifyEvent } from '../events';

/** Subject and HTML body of one event, with `{{placeholder}}` markers. */
export interface MailTemplate {
	subject: string;
	html: string;
}

/** Everything one language needs: its locale for numbers and dates, the small phrases, and the templates. */
export interface LanguagePack {
	/** BCP 47 locale used for numbers, money and dates */
	locale: string;
	/** The salutation, with and without the customer's name */
	greeting(name?: string): string;
	labels: {
		product: string;
		quantity: string;
		unitPrice: string;
		amount: string;
		total: string;
		added: string;
		removed: string;
		changed: string;
		quantityWord: string;
		priceWord: string;
		trackParcel: string;
		/** The label of the button to the decision form */
		decide: string;
	};
	invoiceAttached(invoiceNumber?: string): string;
	templates: Record<NotifyEvent, MailTemplate>;
}
