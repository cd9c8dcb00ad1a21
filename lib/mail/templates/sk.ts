import { letter, memo } from './layout';
import type { LanguagePack } from './types';

const closing = 'S pozdravom';

export const sk: LanguagePack = {
	locale: 'sk-SK',
	greeting: (name) => (name ? `Dobrý deň, ${name},` : 'Dobrý deň,'),
	labels: {
		product: 'Tovar',
		quantity: 'Množstvo',
		unitPrice: 'Cena za kus',
		amount: 'Spolu',
		total: 'Spolu',
		added: 'Pridané',
		removed: 'Odstránené',
		changed: 'Zmenené',
		quantityWord: 'množstvo',
		priceWord: 'cena',
		trackParcel: 'Sledovať zásielku',
		decide: 'Prijať alebo odmietnuť objednávku',
	},
	invoiceAttached: (number) => (number ? `Faktúru č. ${number} nájdete v prílohe.` : 'Faktúru nájdete v prílohe.'),
	templates: {
		order_confirmation: {
			subject: 'Potvrdenie objednávky {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>ďakujeme za Vašu objednávku v obchode {{shopName}}. Prijali sme ju a už ju pripravujeme.</p>\n{{linesTable}}\n<p>Spolu na úhradu: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_confirmation_resend: {
			subject: 'Kópia potvrdenia objednávky {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>podľa Vašej žiadosti Vám znova posielame potvrdenie objednávky {{orderNumber}}.</p>\n{{linesTable}}\n<p>Spolu na úhradu: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_imported: {
			subject: 'Vašu objednávku {{orderNumber}} spracúvame',
			html: letter(
				'<p>Vašu objednávku {{orderNumber}} sme odovzdali do skladu a práve ju spracúvame. O ďalšom postupe Vás budeme informovať.</p>',
				closing,
			),
		},
		ready: {
			subject: 'Objednávka {{orderNumber}} je pripravená',
			html: letter(
				'<p>máme dobrú správu: všetok tovar z Vašej objednávky {{orderNumber}} je na sklade a objednávka je pripravená na odoslanie.</p>',
				closing,
			),
		},
		backordered: {
			subject: 'Objednávka {{orderNumber}}: časť tovaru momentálne nie je na sklade',
			html: letter(
				'<p>žiaľ, niektoré položky Vašej objednávky {{orderNumber}} momentálne nie sú na sklade. Odošleme ich hneď, ako ich naskladníme.</p>\n{{backorderedLines}}\n<p>Ak si želáte objednávku zmeniť alebo zrušiť, stačí odpovedať na tento e-mail.</p>',
				closing,
			),
		},
		shipped: {
			subject: 'Objednávka {{orderNumber}} je na ceste',
			html: letter(
				'<p>Vašu objednávku {{orderNumber}} sme odovzdali dopravcovi.</p>\n<p>Číslo zásielky: <strong>{{trackingNumber}}</strong></p>\n<p>{{trackingLink}}</p>',
				closing,
			),
		},
		completed: {
			subject: 'Objednávka {{orderNumber}} je vybavená',
			html: letter(
				'<p>Vaša objednávka {{orderNumber}} je vybavená. Ďakujeme za nákup a tešíme sa na Vašu ďalšiu návštevu.</p>\n<p>{{invoiceNote}}</p>',
				closing,
			),
		},
		invoiced: {
			subject: 'Faktúra k objednávke {{orderNumber}}',
			html: letter(
				'<p>v prílohe Vám posielame faktúru k Vašej objednávke {{orderNumber}}.</p>\n<p>{{invoiceNote}}</p>\n<p>Ďakujeme za nákup.</p>',
				closing,
			),
		},
		cancelled: {
			subject: 'Objednávka {{orderNumber}} bola zrušená',
			html: letter(
				'<p>Vaša objednávka {{orderNumber}} bola zrušená. Ak ste ju už zaplatili, peniaze Vám vrátime v priebehu niekoľkých dní.</p>\n<p>Ak ste o zrušenie nežiadali, odpovedzte nám, prosím, na tento e-mail.</p>',
				closing,
			),
		},
		order_edited: {
			subject: 'Zmena vo Vašej objednávke {{orderNumber}}',
			html: letter(
				'<p>vo Vašej objednávke {{orderNumber}} sme museli urobiť tieto zmeny:</p>\n{{changedLines}}\n<p>Nová celková suma: <strong>{{total}}</strong></p>\n<p>Ak máte otázky, stačí odpovedať na tento e-mail.</p>',
				closing,
			),
		},
		new_external_order: {
			subject: 'Nová objednávka {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Prišla nová objednávka z predajného kanála {{sourceSystem}}.</p>\n<p>Objednávka: <strong>{{orderNumber}}</strong><br>Zákazník: {{customerName}}<br>Suma: {{total}}</p>\n{{linesTable}}\n<p>Nezabudnite položky včas potvrdiť alebo odmietnuť.</p>',
			),
		},
		decision_needed: {
			subject: 'Treba rozhodnúť: objednávka {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Objednávka {{orderNumber}} z predajného kanála {{sourceSystem}} čaká na vaše rozhodnutie.</p>\n<p>Objednávka: <strong>{{orderNumber}}</strong><br>Zákazník: {{customerName}}<br>Suma: {{total}}</p>\n{{linesTable}}\n<p>{{decisionLink}}</p>\n<p>Kým niekto nerozhodne, objednávka čaká.</p>',
			),
		},
	},
};
