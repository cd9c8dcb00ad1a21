import { letter, memo } from './layout';
import type { LanguagePack } from './types';

const closing = 'Pozdrawiamy';

export const pl: LanguagePack = {
	locale: 'pl-PL',
	greeting: (name) => (name ? `Dzień dobry, ${name},` : 'Dzień dobry,'),
	labels: {
		product: 'Produkt',
		quantity: 'Ilość',
		unitPrice: 'Cena za szt.',
		amount: 'Wartość',
		total: 'Razem',
		added: 'Dodano',
		removed: 'Usunięto',
		changed: 'Zmieniono',
		quantityWord: 'ilość',
		priceWord: 'cena',
		trackParcel: 'Śledź przesyłkę',
		decide: 'Przyjmij lub odrzuć zamówienie',
	},
	invoiceAttached: (number) => (number ? `Fakturę nr ${number} znajdziesz w załączniku.` : 'Fakturę znajdziesz w załączniku.'),
	templates: {
		order_confirmation: {
			subject: 'Potwierdzenie zamówienia {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>dziękujemy za złożenie zamówienia w sklepie {{shopName}}. Otrzymaliśmy je i już je przygotowujemy.</p>\n{{linesTable}}\n<p>Do zapłaty: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_confirmation_resend: {
			subject: 'Kopia potwierdzenia zamówienia {{orderNumber}} – {{shopName}}',
			html: letter(
				'<p>zgodnie z Twoją prośbą ponownie przesyłamy potwierdzenie zamówienia {{orderNumber}}.</p>\n{{linesTable}}\n<p>Do zapłaty: <strong>{{total}}</strong></p>',
				closing,
			),
		},
		order_imported: {
			subject: 'Realizujemy Twoje zamówienie {{orderNumber}}',
			html: letter(
				'<p>Twoje zamówienie {{orderNumber}} trafiło do naszego magazynu i jest właśnie realizowane. O kolejnych krokach poinformujemy Cię e-mailem.</p>',
				closing,
			),
		},
		ready: {
			subject: 'Zamówienie {{orderNumber}} jest gotowe',
			html: letter(
				'<p>mamy dobrą wiadomość: wszystkie produkty z Twojego zamówienia {{orderNumber}} są dostępne, a zamówienie jest gotowe do wysyłki.</p>',
				closing,
			),
		},
		backordered: {
			subject: 'Zamówienie {{orderNumber}}: część produktów jest chwilowo niedostępna',
			html: letter(
				'<p>niestety niektóre produkty z Twojego zamówienia {{orderNumber}} są chwilowo niedostępne. Wyślemy je, gdy tylko pojawią się w magazynie.</p>\n{{backorderedLines}}\n<p>Jeśli chcesz zmienić lub anulować zamówienie, po prostu odpowiedz na tę wiadomość.</p>',
				closing,
			),
		},
		shipped: {
			subject: 'Zamówienie {{orderNumber}} jest w drodze',
			html: letter(
				'<p>Twoje zamówienie {{orderNumber}} zostało przekazane przewoźnikowi.</p>\n<p>Numer przesyłki: <strong>{{trackingNumber}}</strong></p>\n<p>{{trackingLink}}</p>',
				closing,
			),
		},
		completed: {
			subject: 'Zamówienie {{orderNumber}} zostało zrealizowane',
			html: letter(
				'<p>Twoje zamówienie {{orderNumber}} zostało zrealizowane. Dziękujemy za zakupy i zapraszamy ponownie.</p>\n<p>{{invoiceNote}}</p>',
				closing,
			),
		},
		invoiced: {
			subject: 'Faktura do zamówienia {{orderNumber}}',
			html: letter(
				'<p>w załączniku przesyłamy fakturę do Twojego zamówienia {{orderNumber}}.</p>\n<p>{{invoiceNote}}</p>\n<p>Dziękujemy za zakupy.</p>',
				closing,
			),
		},
		cancelled: {
			subject: 'Zamówienie {{orderNumber}} zostało anulowane',
			html: letter(
				'<p>Twoje zamówienie {{orderNumber}} zostało anulowane. Jeśli było już opłacone, zwrócimy pieniądze w ciągu kilku dni.</p>\n<p>Jeśli anulowanie nie nastąpiło na Twoją prośbę, odpowiedz, proszę, na tę wiadomość.</p>',
				closing,
			),
		},
		order_edited: {
			subject: 'Zmiany w zamówieniu {{orderNumber}}',
			html: letter(
				'<p>musieliśmy wprowadzić następujące zmiany w Twoim zamówieniu {{orderNumber}}:</p>\n{{changedLines}}\n<p>Nowa kwota do zapłaty: <strong>{{total}}</strong></p>\n<p>W razie pytań po prostu odpowiedz na tę wiadomość.</p>',
				closing,
			),
		},
		new_external_order: {
			subject: 'Nowe zamówienie {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Wpłynęło nowe zamówienie z kanału sprzedaży {{sourceSystem}}.</p>\n<p>Zamówienie: <strong>{{orderNumber}}</strong><br>Klient: {{customerName}}<br>Kwota: {{total}}</p>\n{{linesTable}}\n<p>Pamiętaj, aby w terminie potwierdzić lub odrzucić pozycje.</p>',
			),
		},
		decision_needed: {
			subject: 'Potrzebna decyzja: zamówienie {{orderNumber}} ({{sourceSystem}})',
			html: memo(
				'<p>Zamówienie {{orderNumber}} z kanału sprzedaży {{sourceSystem}} czeka na Twoją decyzję.</p>\n<p>Zamówienie: <strong>{{orderNumber}}</strong><br>Klient: {{customerName}}<br>Kwota: {{total}}</p>\n{{linesTable}}\n<p>{{decisionLink}}</p>\n<p>Zamówienie czeka, aż ktoś podejmie decyzję.</p>',
			),
		},
	},
};
