import { letter, memo } from './layout';
import type { LanguagePack } from './types';

const closing = 'Mit freundlichen Grüßen';

export const de: LanguagePack = {
	locale: 'de-DE',
	greeting: (name) => (name ? `Guten Tag ${name},` : 'Guten Tag,'),
	labels: {
		product: 'Artikel',
		quantity: 'Menge',
		unitPrice: 'Einzelpreis',
		amount: 'Summe',
		total: 'Gesamt',
		added: 'Hinzugefügt',
		removed: 'Entfernt',
		changed: 'Geändert',
		quantityWord: 'Menge',
		priceWord: 'Preis',
		trackParcel: 'Sendung verfolgen',
		decide: 'Bestellung annehmen oder ablehnen',
	},
	invoiceAttached: (number) =>
		number ? `Die Rechnung ${number} finden Sie als PDF im Anhang.` : 'Die Rechnung finden Sie als PDF im Anhang.',
	templates: {
		order_confirmation: {
			subject: 'Bestellbestätigung {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>vielen Dank für Ihre Bestellung bei {{shopName}}. Wir haben sie erhalten und bereiten sie bereits vor.</p>\n{{linesTable}}\n<p>Gesamtbetrag: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_confirmation_resend: {
			subject: 'Kopie Ihrer Bestellbestätigung {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>wie gewünscht senden wir Ihnen die Bestätigung Ihrer Bestellung {{orderNumber}} noch einmal.</p>\n{{linesTable}}\n<p>Gesamtbetrag: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_imported: {
			subject: 'Ihre Bestellung {{orderNumber}} wird bearbeitet',
			html: letter(
				'<p>Ihre Bestellung {{orderNumber}} wurde an unser Lager übergeben und wird gerade bearbeitet. Wir informieren Sie über die nächsten Schritte.</p>',
				closing,
			),
		},
		ready: {
			subject: 'Ihre Bestellung {{orderNumber}} ist versandbereit',
			html: letter(
				'<p>gute Nachrichten: Alle Artikel Ihrer Bestellung {{orderNumber}} sind auf Lager, die Bestellung ist versandbereit.</p>',
				closing,
			),
		},
		backordered: {
			subject: 'Bestellung {{orderNumber}}: einige Artikel sind derzeit nicht lieferbar',
			html: letter(
				'<p>leider sind einige Artikel Ihrer Bestellung {{orderNumber}} derzeit nicht auf Lager. Wir versenden sie, sobald sie bei uns eingetroffen sind.</p>\n{{backorderedLines}}\n<p>Möchten Sie die Bestellung ändern oder stornieren, antworten Sie einfach auf diese E-Mail.</p>',
				closing,
			),
		},
		shipped: {
			subject: 'Ihre Bestellung {{orderNumber}} ist unterwegs',
			html: letter(
				'<p>Ihre Bestellung {{orderNumber}} wurde an den Versanddienstleister übergeben.</p>\n<p>Sendungsnummer: <strong>{{trackingNumber}}</strong></p>\n<p>{{trackingLink}}</p>',
				closing,
			),
		},
		completed: {
			subject: 'Ihre Bestellung {{orderNumber}} ist abgeschlossen',
			html: letter(
				'<p>Ihre Bestellung {{orderNumber}} ist abgeschlossen. Vielen Dank für Ihren Einkauf – wir freuen uns auf Ihren nächsten Besuch.</p>\n<p>{{invoiceNote}}</p>',
				closing,
			),
		},
		invoiced: {
			subject: 'Rechnung zu Ihrer Bestellung {{orderNumber}}',
			html: letter(
				'<p>anbei erhalten Sie die Rechnung zu Ihrer Bestellung {{orderNumber}}.</p>\n<p>{{invoiceNote}}</p>\n<p>Vielen Dank für Ihren Einkauf.</p>',
				closing,
			),
		},
		cancelled: {
			subject: 'Ihre Bestellung {{orderNumber}} wurde storniert',
			html: letter(
				'<p>Ihre Bestellung {{orderNumber}} wurde storniert. Falls Sie bereits bezahlt haben, erstatten wir Ihnen den Betrag in den nächsten Tagen.</p>\n<p>Haben Sie die Stornierung nicht selbst veranlasst, antworten Sie bitte auf diese E-Mail.</p>',
				closing,
			),
		},
		order_edited: {
			subject: 'Änderungen an Ihrer Bestellung {{orderNumber}}',
			html: letter(
				'<p>wir mussten Ihre Bestellung {{orderNumber}} wie folgt ändern:</p>\n{{changedLines}}\n<p>Neuer Gesamtbetrag: <strong>{{total}}</strong></p>\n<p>Bei Fragen antworten Sie einfach auf diese E-Mail.</p>',
				closing,
			),
		},
		new_external_order: {
			subject: 'Neue Bestellung {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Über den Verkaufskanal {{sourceSystem}} ist eine neue Bestellung eingegangen.</p>\n<p>Bestellung: <strong>{{orderNumber}}</strong><br>Kunde: {{customerName}}<br>Betrag: {{total}}</p>\n{{linesTable}}\n<p>Bitte bestätigen Sie die Positionen rechtzeitig oder lehnen Sie sie ab.</p>',
			),
		},
		decision_needed: {
			subject: 'Entscheidung nötig: Bestellung {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Die Bestellung {{orderNumber}} aus dem Verkaufskanal {{sourceSystem}} wartet auf Ihre Entscheidung.</p>\n<p>Bestellung: <strong>{{orderNumber}}</strong><br>Kunde: {{customerName}}<br>Betrag: {{total}}</p>\n{{linesTable}}\n<p>{{decisionLink}}</p>\n<p>Die Bestellung wartet, bis jemand entscheidet.</p>',
			),
		},
	},
};
