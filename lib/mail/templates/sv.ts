import { letter, memo } from './layout';
import type { LanguagePack } from './types';

const closing = 'Vänliga hälsningar';

export const sv: LanguagePack = {
	locale: 'sv-SE',
	greeting: (name) => (name ? `Hej ${name}!` : 'Hej!'),
	labels: {
		product: 'Artikel',
		quantity: 'Antal',
		unitPrice: 'Styckpris',
		amount: 'Summa',
		total: 'Totalt',
		added: 'Tillagt',
		removed: 'Borttaget',
		changed: 'Ändrat',
		quantityWord: 'antal',
		priceWord: 'pris',
		trackParcel: 'Spåra paketet',
		decide: 'Godkänn eller avvisa ordern',
	},
	invoiceAttached: (number) => (number ? `Faktura ${number} finns bifogad som PDF.` : 'Fakturan finns bifogad som PDF.'),
	templates: {
		order_confirmation: {
			subject: 'Orderbekräftelse {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>Tack för din beställning hos {{shopName}}! Vi har tagit emot den och börjar förbereda den nu.</p>\n{{linesTable}}\n<p>Att betala: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_confirmation_resend: {
			subject: 'Kopia av orderbekräftelse {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>Som du bad om skickar vi här orderbekräftelsen för order {{orderNumber}} en gång till.</p>\n{{linesTable}}\n<p>Att betala: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_imported: {
			subject: 'Vi behandlar din order {{orderNumber}}',
			html: letter(
				'<p>Din order {{orderNumber}} har lämnats över till vårt lager och behandlas just nu. Vi hör av oss så snart det händer något nytt.</p>',
				closing,
			),
		},
		ready: {
			subject: 'Din order {{orderNumber}} är klar',
			html: letter(
				'<p>Goda nyheter: alla varor i din order {{orderNumber}} finns i lager och ordern är redo att skickas.</p>',
				closing,
			),
		},
		backordered: {
			subject: 'Order {{orderNumber}}: vissa varor är försenade',
			html: letter(
				'<p>Tyvärr finns vissa varor i din order {{orderNumber}} inte i lager just nu. Vi skickar dem så snart de kommer in.</p>\n{{backorderedLines}}\n<p>Vill du ändra eller avbeställa ordern? Svara bara på det här mejlet.</p>',
				closing,
			),
		},
		shipped: {
			subject: 'Din order {{orderNumber}} är på väg',
			html: letter(
				'<p>Din order {{orderNumber}} har lämnats till transportören.</p>\n<p>Spårningsnummer: <strong>{{trackingNumber}}</strong></p>\n<p>{{trackingLink}}</p>',
				closing,
			),
		},
		completed: {
			subject: 'Din order {{orderNumber}} är slutförd',
			html: letter(
				'<p>Din order {{orderNumber}} är nu slutförd. Tack för att du handlade hos oss – välkommen tillbaka!</p>\n<p>{{invoiceNote}}</p>',
				closing,
			),
		},
		invoiced: {
			subject: 'Faktura för din order {{orderNumber}}',
			html: letter(
				'<p>Här kommer fakturan för din order {{orderNumber}}.</p>\n<p>{{invoiceNote}}</p>\n<p>Tack för ditt köp!</p>',
				closing,
			),
		},
		cancelled: {
			subject: 'Din order {{orderNumber}} har avbrutits',
			html: letter(
				'<p>Din order {{orderNumber}} har avbrutits. Om du redan har betalat får du tillbaka pengarna inom några dagar.</p>\n<p>Om du inte har bett om att avbryta ordern, svara gärna på det här mejlet.</p>',
				closing,
			),
		},
		order_edited: {
			subject: 'Ändringar i din order {{orderNumber}}',
			html: letter(
				'<p>Vi har behövt göra följande ändringar i din order {{orderNumber}}:</p>\n{{changedLines}}\n<p>Nytt totalbelopp: <strong>{{total}}</strong></p>\n<p>Har du frågor? Svara bara på det här mejlet.</p>',
				closing,
			),
		},
		new_external_order: {
			subject: 'Ny order {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>En ny order har kommit in via försäljningskanalen {{sourceSystem}}.</p>\n<p>Order: <strong>{{orderNumber}}</strong><br>Kund: {{customerName}}<br>Belopp: {{total}}</p>\n{{linesTable}}\n<p>Kom ihåg att godkänna eller avvisa raderna i tid.</p>',
			),
		},
		decision_needed: {
			subject: 'Beslut behövs: order {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Order {{orderNumber}} från försäljningskanalen {{sourceSystem}} väntar på ditt beslut.</p>\n<p>Order: <strong>{{orderNumber}}</strong><br>Kund: {{customerName}}<br>Belopp: {{total}}</p>\n{{linesTable}}\n<p>{{decisionLink}}</p>\n<p>Ordern väntar tills någon har bestämt.</p>',
			),
		},
	},
};
