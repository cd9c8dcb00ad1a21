import {
	composeMail,
	defaultTemplate,
	LANGUAGE_PACKS,
	MAIL_LANGUAGES,
	NOTIFY_EVENTS,
	placeholdersFor,
	placeholdersIn,
	sampleOrder,
	webLink,
} from '../../../lib/mail';

describe('built-in templates', () => {
	test('every event exists in every language and uses only known placeholders', () => {
		const { order } = sampleOrder('en');
		const known = Object.keys(placeholdersFor({ event: 'shipped', order, pack: LANGUAGE_PACKS.en, shopName: 'S' }));
		for (const language of MAIL_LANGUAGES) {
			for (const event of NOTIFY_EVENTS) {
				const { subject, html } = defaultTemplate(event, language);
				for (const name of placeholdersIn(subject + html)) expect(known).toContain(name);
				expect(subject).not.toMatch(/[\r\n]/);
			}
		}
	});

	test.each(MAIL_LANGUAGES)('%s: every event renders with its own words, no leftover markers', (language) => {
		const { order, lineDiff } = sampleOrder(language);
		const subjects = new Set<string>();
		for (const event of NOTIFY_EVENTS) {
			const mail = composeMail({ event, order, language, shopName: 'Shop', lineDiff, invoiceAttached: true });
			expect(mail.subject).toContain('2026-1001');
			expect(mail.html).toContain(`<html lang="${language}">`);
			expect(mail.html + mail.text).not.toMatch(/\{\{|\}\}/);
			expect(mail.html).not.toContain('<Blue');
			expect(mail.text.length).toBeGreaterThan(40);
			subjects.add(mail.subject);
		}
		expect(subjects.size).toBe(NOTIFY_EVENTS.length);
	});

	test('money and dates follow the language', () => {
		const { order } = sampleOrder('de');
		const de = composeMail({ event: 'order_confirmation', order, language: 'de', shopName: 'Laden' });
		expect(de.text).toContain('Gesamtbetrag: 38,40 €');
		expect(de.text).toContain('Ceramic mug <Blue & White> | 2 | 12,50 € | 25,00 €');
		const en = composeMail({ event: 'order_confirmation', order: { ...order, currency: 'GBP' }, language: 'en', shopName: 'Shop' });
		expect(en.text).toContain('Total to pay: £38.40');
		const odd = composeMail({ event: 'order_confirmation', order: { ...order, currency: 'XYZ1' }, language: 'sk', shopName: 'S' });
		expect(odd.text).toContain('38,40 XYZ1');
	});

	test('dates in the workflow zone; only web addresses become tracking links', () => {
		const { order } = sampleOrder('de');
		const late = { ...order, createdAt: '2026-11-20T23:30:00Z', tracking: [{ number: 'T1', url: 'javascript:alert(1)' }] };
		const values = placeholdersFor({ event: 'shipped', order: late, pack: LANGUAGE_PACKS.de, shopName: 'S', timeZone: 'Europe/Bratislava' });
		expect(values.orderDate).toBe('21. November 2026');
		expect(values.trackingUrl).toBe('');
		expect(values.trackingLink).toEqual({ html: '', text: '' });
	});

	test('a tracking address is checked like a decision link: a malformed one gives no link, a good one is normalised', () => {
		const { order } = sampleOrder('en');
		const trackingOf = (url: string) =>
			placeholdersFor({ event: 'shipped', order: { ...order, tracking: [{ number: 'T1', url }] }, pack: LANGUAGE_PACKS.en, shopName: 'S' });
		for (const bad of ['https://track example.com/T1', 'https://track.example.com/T1\r\nBcc: x@y.z', 'https://']) {
			expect(trackingOf(bad)).toMatchObject({ trackingUrl: '', trackingLink: { html: '', text: '' } });
		}
		expect(trackingOf(' HTTPS://Track.Example.com/T1?a=1&b=2 ')).toMatchObject({
			trackingUrl: 'https://track.example.com/T1?a=1&b=2',
			trackingLink: { html: '<a href="https://track.example.com/T1?a=1&amp;b=2">Track your parcel</a>', text: 'Track your parcel: https://track.example.com/T1?a=1&b=2' },
		});
	});

	test('the backordered mail lists the missing quantities; completed notes the invoice only when attached', () => {
		const { order } = sampleOrder('sk');
		const backordered = composeMail({ event: 'backordered', order, language: 'sk', shopName: 'S' });
		expect(backordered.text).toContain('Tovar | Množstvo\nCeramic mug <Blue & White> | 1');
		expect(backordered.text).not.toContain('Green tea');
		const withPdf = composeMail({ event: 'completed', order, language: 'sk', shopName: 'S', invoiceAttached: true });
		expect(withPdf.text).toContain('Faktúru č. FV-2026-0042 nájdete v prílohe.');
		const withoutPdf = composeMail({ event: 'completed', order, language: 'sk', shopName: 'S' });
		expect(withoutPdf.text).not.toContain('Faktúr');
		expect(withoutPdf.html).not.toContain('<p></p>');
	});

	test('overrides: own subject and body, a full HTML document kept as is, unknown placeholders named', () => {
		const { order } = sampleOrder('en');
		const mail = composeMail({
			event: 'shipped',
			order: { ...order, customer: { ...order.customer, name: 'A & B\r\nX' } },
			language: 'en',
			shopName: 'Shop',
			override: { subject: '{{customerName}}: {{trackingNumber}}', html: '<html><body><p>{{customerName}}</p></body></html>' },
		});
		expect(mail.subject).toBe('A & B X: 00340434161094042557');
		expect(mail.html).toBe('<html><body><p>A &amp; B X</p></body></html>');
		expect(() =>
			composeMail({ event: 'ready', order, language: 'en', shopName: 'S', override: { html: '<p>{{foo}}</p>' } }),
		).toThrow('Unknown placeholder {{foo}} in your HTML body for "ready"');
	});

	test('a decision link is a normalised http(s) address; anything else gives no link at all', () => {
		expect(webLink(' https://n8n.example.com/form-waiting/7?signature=ab ')).toBe('https://n8n.example.com/form-waiting/7?signature=ab');
		expect(webLink('HTTP://N8N.example.com/x')).toBe('http://n8n.example.com/x');
		for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>', 'mailto:a@b.c', '/form-waiting/7', 'https://a b', '', undefined, 42]) {
			expect(webLink(bad)).toBeUndefined();
		}
		const { order } = sampleOrder('pl');
		const values = placeholdersFor({ event: 'decision_needed', order, pack: LANGUAGE_PACKS.pl, shopName: 'S', decisionUrl: 'javascript:alert(1)' });
		expect(values.decisionLink).toEqual({ html: '', text: '' });
		expect(values.decisionUrl).toBe('');
	});
});

describe('the order number in customer mails', () => {
	const { order } = sampleOrder('cs');
	const numberIn = (o: typeof order) => composeMail({ event: 'completed', order: o, language: 'cs', shopName: 'Shop' }).subject;

	test("an ERP's record of a shop order is named by the shop's order number, not the ERP's document number", () => {
		const pohoda = { ...order, system: 'pohoda', id: '17', number: 'OP00017', externalIds: { pohoda: '17', shop: '1001', shopNumber: 'W-1001' } };
		expect(numberIn(pohoda)).toContain('W-1001');
		expect(numberIn(pohoda)).not.toContain('OP00017');
		const genericErp = { ...order, system: 'enova365', id: 'ZO/2026/1', number: undefined, externalIds: { shop: '1001' } };
		expect(numberIn(genericErp)).toContain('1001');
		expect(numberIn(genericErp)).not.toContain('ZO/2026/1');
	});

	test("an order of the shop itself, or one no shop knows, keeps the system's own number", () => {
		expect(numberIn({ ...order, system: 'woocommerce', id: '55', number: '2026-55', externalIds: { pohoda: '9' } })).toContain('2026-55');
		expect(numberIn({ ...order, system: 'pohoda', id: '9', number: 'OP00009', externalIds: { pohoda: '9' } })).toContain('OP00009');
	});
});
