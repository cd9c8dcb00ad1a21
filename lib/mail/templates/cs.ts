import { letter, memo } from './layout';
import type { LanguagePack } from './types';

const closing = 'S pozdravem';

export const cs: LanguagePack = {
	locale: 'cs-CZ',
	greeting: (name) => (name ? `Dobrý den, ${name},` : 'Dobrý den,'),
	labels: {
		product: 'Zboží',
		quantity: 'Množství',
		unitPrice: 'Cena za kus',
		amount: 'Celkem',
		total: 'Celkem',
		added: 'Přidáno',
		removed: 'Odebráno',
		changed: 'Změněno',
		quantityWord: 'množství',
		priceWord: 'cena',
		trackParcel: 'Sledovat zásilku',
		decide: 'Přijmout, nebo odmítnout objednávku',
	},
	invoiceAttached: (number) => (number ? `Fakturu č. ${number} najdete v příloze.` : 'Fakturu najdete v příloze.'),
	templates: {
		order_confirmation: {
			subject: 'Potvrzení objednávky {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>děkujeme za Vaši objednávku v obchodě {{shopName}}. Přijali jsme ji a už ji připravujeme.</p>\n{{linesTable}}\n<p>Celkem k úhradě: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_confirmation_resend: {
			subject: 'Kopie potvrzení objednávky {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>na Vaši žádost Vám znovu posíláme potvrzení objednávky {{orderNumber}}.</p>\n{{linesTable}}\n<p>Celkem k úhradě: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_imported: {
			subject: 'Vaši objednávku {{orderNumber}} zpracováváme',
			html: letter(
				'<p>Vaši objednávku {{orderNumber}} jsme předali do skladu a právě ji zpracováváme. O dalším postupu Vás budeme informovat.</p>',
				closing,
			),
		},
		ready: {
			subject: 'Objednávka {{orderNumber}} je připravena',
			html: letter(
				'<p>máme dobrou zprávu: veškeré zboží z Vaší objednávky {{orderNumber}} je skladem a objednávka je připravena k odeslání.</p>',
				closing,
			),
		},
		backordered: {
			subject: 'Objednávka {{orderNumber}}: část zboží momentálně není skladem',
			html: letter(
				'<p>bohužel některé položky Vaší objednávky {{orderNumber}} momentálně nejsou skladem. Odešleme je, jakmile je naskladníme.</p>\n{{backorderedLines}}\n<p>Pokud si přejete objednávku změnit nebo zrušit, stačí odpovědět na tento e-mail.</p>',
				closing,
			),
		},
		shipped: {
			subject: 'Objednávka {{orderNumber}} je na cestě',
			html: letter(
				'<p>Vaši objednávku {{orderNumber}} jsme předali dopravci.</p>\n<p>Číslo zásilky: <strong>{{trackingNumber}}</strong></p>\n<p>{{trackingLink}}</p>',
				closing,
			),
		},
		completed: {
			subject: 'Objednávka {{orderNumber}} je vyřízena',
			html: letter(
				'<p>Vaše objednávka {{orderNumber}} je vyřízena. Děkujeme za nákup a těšíme se na Vaši další návštěvu.</p>\n<p>{{invoiceNote}}</p>',
				closing,
			),
		},
		invoiced: {
			subject: 'Faktura k objednávce {{orderNumber}}',
			html: letter(
				'<p>v příloze Vám posíláme fakturu k Vaší objednávce {{orderNumber}}.</p>\n<p>{{invoiceNote}}</p>\n<p>Děkujeme za nákup.</p>',
				closing,
			),
		},
		cancelled: {
			subject: 'Objednávka {{orderNumber}} byla zrušena',
			html: letter(
				'<p>Vaše objednávka {{orderNumber}} byla zrušena. Pokud jste ji již zaplatili, peníze Vám vrátíme během několika dnů.</p>\n<p>Pokud jste o zrušení nežádali, odpovězte nám prosím na tento e-mail.</p>',
				closing,
			),
		},
		order_edited: {
			subject: 'Změna ve Vaší objednávce {{orderNumber}}',
			html: letter(
				'<p>ve Vaší objednávce {{orderNumber}} jsme museli provést tyto změny:</p>\n{{changedLines}}\n<p>Nová celková částka: <strong>{{total}}</strong></p>\n<p>Máte-li dotazy, stačí odpovědět na tento e-mail.</p>',
				closing,
			),
		},
		new_external_order: {
			subject: 'Nová objednávka {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Přišla nová objednávka z prodejního kanálu {{sourceSystem}}.</p>\n<p>Objednávka: <strong>{{orderNumber}}</strong><br>Zákazník: {{customerName}}<br>Částka: {{total}}</p>\n{{linesTable}}\n<p>Nezapomeňte položky včas potvrdit, nebo odmítnout.</p>',
			),
		},
		decision_needed: {
			subject: 'Je třeba rozhodnout: objednávka {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Objednávka {{orderNumber}} z prodejního kanálu {{sourceSystem}} čeká na vaše rozhodnutí.</p>\n<p>Objednávka: <strong>{{orderNumber}}</strong><br>Zákazník: {{customerName}}<br>Částka: {{total}}</p>\n{{linesTable}}\n<p>{{decisionLink}}</p>\n<p>Dokud nikdo nerozhodne, objednávka čeká.</p>',
			),
		},
	},
};
