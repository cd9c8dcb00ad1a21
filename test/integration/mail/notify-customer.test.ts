import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { execute } from '../../helpers/n8n-context';
import { workflowLedger } from '../../helpers/state';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../helpers/smtp-sink';

const node = new NotifyCustomer();

// The ledger is shared by every execution of a workflow in the process (as in n8n), and the harness runs all
// tests as one workflow: each test gets its own order ids.
let run = 0;
beforeEach(() => run++);
const uid = (id: string) => `t${run}-${id}`;

function order(overrides: Partial<Order> = {}): Order {
	return {
		system: 'woocommerce',
		id: uid('1001'),
		number: 'WC-1001',
		externalIds: {},
		status: { code: 'completed' },
		customer: { name: 'Ján Novák', email: 'jan.novak@example.sk', language: 'sk', country: 'SK' },
		lines: [
			{ sku: 'MUG', name: 'Hrnček <Modrý & Biely>', quantity: 2, unitPrice: 12.5, total: 25 },
			{ sku: 'TEA', name: 'Zelený čaj', quantity: 1, unitPrice: 8.9, total: 8.9 },
		],
		currency: 'EUR',
		totals: { gross: 33.9 },
		createdAt: '2026-11-20T10:00:00Z',
		...overrides,
	};
}

const item = (o: Order, extra: IDataObject = {}): INodeExecutionData => ({
	json: { order: o as unknown as IDataObject, ...extra },
});

describe('Notify Customer over a real SMTP server', () => {
	let sink: SmtpSink;
	const credentials = (port: number) => ({
		orderSyncSmtpApi: {
			host: '127.0.0.1',
			port,
			security: 'none',
			user: 'shop',
			password: 'secret',
			fromEmail: 'orders@shop.example',
			fromName: 'Čajovňa Shop',
			heloName: 'mail.shop.example',
		},
	});
	const start = async (options: SmtpSinkOptions = {}) => {
		sink = await startSmtpSink({ auth: { user: 'shop', pass: 'secret' }, ...options });
		return sink;
	};
	const send = (
		items: INodeExecutionData[],
		parameters: Record<string, unknown> = {},
		more: { staticData?: Record<string, IDataObject>; continueOnFail?: boolean; workflowId?: string } = {},
	) =>
		execute(node, { items, parameters: { event: 'fromItem', ...parameters }, credentials: credentials(sink.port), ...more });

	afterEach(async () => sink?.close());

	test('sends the event of the item in the customer language: subject, recipients, escaped HTML and a text part', async () => {
		await start();
		const { output } = await send([item(order(), { notify: { event: 'order_confirmation', enabled: true } })]);
		const [mail] = await sink.waitFor(1);
		expect(mail.subject).toBe('Potvrdenie objednávky WC-1001 – Čajovňa Shop');
		expect(mail.envelope.to).toEqual(['jan.novak@example.sk']);
		expect(mail.envelope.from).toBe('orders@shop.example');
		expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0] : undefined).toEqual({ address: 'jan.novak@example.sk', name: 'Ján Novák' });
		expect(mail.from?.value[0]).toEqual({ address: 'orders@shop.example', name: 'Čajovňa Shop' });
		expect(mail.html).toContain('Dobrý deň, Ján Novák,');
		expect(mail.html).toContain('Hrnček &lt;Modrý &amp; Biely&gt;');
		expect(mail.html).not.toContain('<Modrý');
		expect(mail.html).toContain('33,90');
		expect(mail.text).toContain('Hrnček <Modrý & Biely> | 2 | 12,50');
		expect(mail.text).toContain('Spolu na úhradu: 33,90');
		expect(mail.text).not.toMatch(/<(p|table|tr|td|br|strong|html)\b/i);
		expect(mail.text).toContain("Tovar | Množstvo | Cena za kus | Spolu\nHrnček");
		expect(output[0][0].json.mail).toMatchObject({ status: 'sent', event: 'order_confirmation', language: 'sk', to: ['jan.novak@example.sk'] });
		expect((output[0][0].json.mail as IDataObject).messageId).toBe(mail.messageId);
		expect(output[0][0].pairedItem).toEqual({ item: 0 });
		expect(mail.authenticatedAs).toBe('shop');
		expect(mail.helo).toBe('mail.shop.example');
	});

	test('language follows the customer language, else the country, else the fallback', async () => {
		await start();
		const items = [
			item(order({ id: uid('1'), customer: { email: 'a@example.com', language: 'pl-PL', country: 'DE' } })),
			item(order({ id: uid('2'), customer: { email: 'b@example.com' }, billingAddress: { country: 'CZ' } })),
			item(order({ id: uid('3'), customer: { email: 'c@example.com', language: 'fr', country: 'FR' } })),
			item(order({ id: uid('4'), customer: { email: 'd@example.com', country: 'SE' } })),
		];
		const { output } = await send(items, { event: 'shipped', fallbackLanguage: 'de' });
		const mails = await sink.waitFor(4);
		const subjectTo = Object.fromEntries(mails.map((m) => [m.envelope.to[0], m.subject]));
		expect(subjectTo['a@example.com']).toBe('Zamówienie WC-1001 jest w drodze');
		expect(subjectTo['b@example.com']).toBe('Objednávka WC-1001 je na cestě');
		expect(subjectTo['c@example.com']).toBe('Ihre Bestellung WC-1001 ist unterwegs');
		expect(subjectTo['d@example.com']).toBe('Din order WC-1001 är på väg');
		expect(output[0].map((o) => (o.json.mail as IDataObject).language)).toEqual(['pl', 'cs', 'de', 'sv']);
	});

	test('shipped carries the tracking number and link; order_edited lists the changed lines', async () => {
		await start();
		const tracked = order({ tracking: [{ number: 'ZX123', url: 'https://track.example/?id=ZX123&x="1"' }], customer: { email: 'e@example.com', language: 'en' } });
		const lineDiff = {
			added: [{ name: 'Spoon', quantity: 2 }],
			removed: [{ name: 'Cup', quantity: 1 }],
			changed: [{ key: 'sku:mug', name: 'Mug', quantityBefore: 3, quantityAfter: 2 }],
		};
		await send([
			item(tracked, { notify: { event: 'shipped' } }),
			item({ ...tracked, id: uid('2') }, { notify: { event: 'order_edited' }, lineDiff }),
		]);
		const mails = await sink.waitFor(2);
		const shipped = mails.find((m) => m.subject?.includes('on its way'))!
		expect(shipped.html).toContain('<strong>ZX123</strong>');
		// The address is normalised (quotes percent-encoded) and escaped for HTML.
		expect(shipped.html).toContain('href="https://track.example/?id=ZX123&amp;x=%221%22"');
		expect(shipped.text).toContain('Track your parcel (https://track.example/?id=ZX123&x=%221%22)');
		const edited = mails.find((m) => m.subject?.includes('Changes'))!
		expect(edited.text).toContain('- Added: Spoon, 2 ×');
		expect(edited.text).toContain('- Removed: Cup');
		expect(edited.text).toContain('- Changed: Mug, quantity 3 → 2');
	});

	test('the invoice PDF is attached with the exact bytes of the input binary', async () => {
		await start();
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), Buffer.from('\n%%EOF\n')]);
		const input: INodeExecutionData = {
			...item(order({ documents: { invoiceNumber: 'FV-77' } }), { notify: { event: 'invoiced' } }),
			binary: { invoice: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'FV-77.pdf' } },
		};
		await send([input], { options: { invoiceBinaryProperty: 'invoice' } });
		const [mail] = await sink.waitFor(1);
		const attachment = mail.attachments[0];
		expect(attachment.filename).toBe('FV-77.pdf');
		expect(attachment.contentType).toBe('application/pdf');
		expect(Buffer.compare(attachment.content, pdf)).toBe(0);
		expect(mail.text).toContain('Faktúru č. FV-77 nájdete v prílohe.');
	});

	test('"invoiced" without the PDF is an error naming the binary property and the order', async () => {
		await start();
		await expect(send([item(order(), { notify: { event: 'invoiced' } })])).rejects.toThrow(
			'No invoice PDF in binary property "data" for order WC-1001',
		);
		expect(sink.messages).toHaveLength(0);
	});

	test('exactly once however n8n copies static data: concurrent executions, a restart, another workflow', async () => {
		await start();
		const sent = order();
		const input = item(sent, { notify: { event: 'completed' } });
		// n8n hands every execution its own copy of static data and saves it whole: the store decides, not the copies.
		const [first, second] = await Promise.all([send([input, input], {}, { staticData: {} }), send([input], {}, { staticData: {} })]);
		const outcomes = [...first.output[0], ...second.output[0]].map((o) => o.json.mail as IDataObject);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['sent', 'skipped', 'skipped']);
		const messageId = outcomes.find((o) => o.status === 'sent')!.messageId as string;
		expect(messageId).toMatch(/^<[0-9a-f]{32}\.order-sync@shop\.example>$/);
		// After a restart, and from another workflow (the invoice template mailing the same event): nobody twice.
		const afterRestart = await send([input], {}, { staticData: {} });
		expect(afterRestart.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'already_sent' });
		const otherWorkflow = await send([input], {}, { staticData: {}, workflowId: 'invoice-template' });
		expect(otherWorkflow.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'already_sent' });
		expect((await sink.waitFor(1)).map((m) => m.messageId)).toEqual([messageId]);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sink.messages).toHaveLength(1);

		// The audit shows what went to whom; another event of the same order is its own mail.
		const { output } = await execute(node, { items: [input], parameters: { operation: 'getRecords', recordSystem: 'woocommerce', recordOrderId: sent.id } });
		expect(output[0][0].json).toMatchObject({
			system: 'woocommerce',
			orderId: sent.id,
			records: [{ action: expect.stringMatching(/^mail:completed>[0-9a-f]{16}$/), state: 'done', detail: { messageId, to: ['jan.novak@example.sk'] } }],
		});
		await send([item(sent, { notify: { event: 'cancelled' } })], {}, { staticData: {} });
		await sink.waitFor(2);
	});

	test('each resend request (by its changedAt) mails once, however often it is delivered', async () => {
		await start();
		const staticData: Record<string, IDataObject> = {};
		const request = (changedAt: string) => item(order(), { notify: { event: 'order_confirmation_resend' }, changedAt });
		const { output } = await send([request('2026-11-22T08:00:00Z'), request('2026-11-22T08:00:00Z'), request('2026-11-22T09:30:00Z')], {}, { staticData });
		expect(output[0].map((o) => (o.json.mail as IDataObject).status)).toEqual(['sent', 'skipped', 'sent']);
		const mails = await sink.waitFor(2);
		expect(mails.every((m) => m.subject === 'Kópia potvrdenia objednávky WC-1001 – Čajovňa Shop')).toBe(true);
	});

	test('two ERP companies numbering different customers\' orders alike each mail their customer; one recorded before recipients were named counts as sent', async () => {
		await start();
		const sameId = order({ system: 'pohoda', id: uid('7') });
		const otherCompany = { ...sameId, customer: { ...sameId.customer, email: 'olga@example.ru', name: 'Olga' } };
		const first = await send([item(sameId, { notify: { event: 'completed' } })], {}, { workflowId: 'company-a' });
		const second = await send([item(otherCompany, { notify: { event: 'completed' } })], {}, { workflowId: 'company-b' });
		expect([first, second].map((run) => (run.output[0][0].json.mail as IDataObject).status)).toEqual(['sent', 'sent']);
		await sink.waitFor(2);

		const upgraded = order({ system: 'pohoda', id: uid('8') });
		await workflowLedger().complete('pohoda', upgraded.id, 'mail:completed');
		const again = await send([item(upgraded, { notify: { event: 'completed' } })]);
		expect(again.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'already_sent' });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sink.messages).toHaveLength(2);
	});

	test('each edit of an order is its own mail, and the same edit seen by two workflows is one', async () => {
		await start();
		const edited = order();
		const lineDiff = (quantityAfter: number) => ({ added: [], removed: [], changed: [{ sku: 'MYDLO-L', name: 'Mydlo', quantityBefore: 2, quantityAfter }] });
		const edit = (changedAt: string, quantityAfter: number) => item(edited, { notify: { event: 'order_edited' }, lineDiff: lineDiff(quantityAfter), changedAt });
		const statusSync = await send([edit('2026-11-22T08:00:00', 5)], {}, { workflowId: 'status-sync' });
		// Another workflow (or worker) detects the same edit a moment later.
		const orderDesk = await send([edit('2026-11-22T08:00:40', 5)], {}, { workflowId: 'order-desk' });
		const laterEdit = await send([edit('2026-11-23T10:15:00', 7)], {}, { workflowId: 'status-sync' });
		expect([statusSync, orderDesk, laterEdit].map((run) => (run.output[0][0].json.mail as IDataObject).status)).toEqual(['sent', 'skipped', 'sent']);
		await sink.waitFor(2);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sink.messages).toHaveLength(2);
	});

	test('a failed send releases its claim, so the next run mails the customer', async () => {
		await start({ failRecipients: ['jan.novak@example.sk'] });
		const staticData: Record<string, IDataObject> = {};
		const input = item(order(), { notify: { event: 'ready' } });
		const failed = await send([input], {}, { staticData, continueOnFail: true });
		expect(failed.output[0][0].json.error).toContain('550');
		await sink.close();
		await start();
		const retried = await send([input], {}, { staticData });
		expect(retried.output[0][0].json.mail).toMatchObject({ status: 'sent' });
		expect((await sink.waitFor(1))[0].subject).toBe('Objednávka WC-1001 je pripravená');
	});

	test('test mode sends every mail to the test recipient, naming the real one in the subject and a header', async () => {
		await start();
		const staticData: Record<string, IDataObject> = {};
		const { output } = await send(
			[item(order(), { notify: { event: 'completed' } })],
			{ testMode: true, testRecipient: 'qa@shop.example' },
			{ staticData },
		);
		const [mail] = await sink.waitFor(1);
		expect(mail.envelope.to).toEqual(['qa@shop.example']);
		expect(mail.subject).toBe('[TEST → jan.novak@example.sk] Objednávka WC-1001 je vybavená');
		expect(mail.headers.get('x-order-sync-original-to')).toBe('jan.novak@example.sk');
		expect(output[0][0].json.mail).toMatchObject({ status: 'sent', to: ['qa@shop.example'], testMode: true });
		// going live afterwards still mails the real customer once
		await send([item(order(), { notify: { event: 'completed' } })], {}, { staticData });
		expect((await sink.waitFor(2))[1].envelope.to).toEqual(['jan.novak@example.sk']);
	});

	test('a customer name with CR/LF cannot inject headers or recipients; an address with CR/LF is refused', async () => {
		await start();
		const evil = order({ customer: { name: 'Eve\r\nBcc: victim@example.org\r\nSubject: pwned', email: 'eve@example.com', language: 'en' } });
		const crlfAddress = order({ id: uid('2'), customer: { name: 'Mallory', email: 'mallory@example.com\r\nBcc: victim@example.org', language: 'en' } });
		const { output } = await send(
			[item(evil, { notify: { event: 'ready' } }), item(crlfAddress, { notify: { event: 'ready' } })],
			{},
			{ continueOnFail: true },
		);
		const [mail] = await sink.waitFor(1);
		expect(mail.envelope.to).toEqual(['eve@example.com']);
		expect(mail.headers.has('bcc')).toBe(false);
		expect(mail.subject).toBe('Your order WC-1001 is ready');
		const headerBlock = mail.raw.toString('latin1').split('\r\n\r\n')[0];
		expect(headerBlock).toContain('To: "Eve Bcc: victim@example.org Subject: pwned" <eve@example.com>');
		expect(headerBlock).not.toMatch(/^Bcc:/im);
		expect(headerBlock).not.toMatch(/^Subject: pwned/im);
		expect(output[0][1].json.error).toContain('Invalid e-mail address');
		expect(output[0][1].pairedItem).toEqual({ item: 1 });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sink.messages).toHaveLength(1);
	});

	test('partial failure in a batch: the refused recipient becomes an error item, the rest are sent', async () => {
		await start({ failRecipients: ['nobody@example.com'] });
		const items = ['a@example.com', 'nobody@example.com', 'c@example.com'].map((email, i) =>
			item(order({ id: uid(String(i)), customer: { email, language: 'en' } }), { notify: { event: 'ready' } }),
		);
		const { output } = await send(items, {}, { continueOnFail: true });
		expect(output[0]).toHaveLength(3);
		expect(output[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0][0].json.mail).toMatchObject({ status: 'sent' });
		expect(output[0][1].json.error).toMatch(/refused the recipient.*550.*order woocommerce WC-1001, event ready/);
		expect(output[0][1].json.mail).toMatchObject({ status: 'failed', event: 'ready' });
		expect(output[0][1].json.orderId).toBe(uid('1'));
		expect(output[0][2].json.mail).toMatchObject({ status: 'sent' });
		const mails = await sink.waitFor(2);
		expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual(['a@example.com', 'c@example.com']);
	});

	test('without continueOnFail a refused recipient stops the run with an error naming order and fix', async () => {
		await start({ failRecipients: ['nobody@example.com'] });
		const failing = item(order({ customer: { email: 'nobody@example.com' } }), { notify: { event: 'ready' } });
		const error = await send([failing]).catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toContain('order woocommerce WC-1001');
		expect((error as { description?: string }).description).toContain("recipient's e-mail address");
	});

	test('a refused login fails every item with the reason, and leaves them for the next run', async () => {
		await start({ auth: { user: 'shop', pass: 'other' } });
		const staticData: Record<string, IDataObject> = {};
		const items = [1, 2, 3, 4, 5, 6].map((i) => item(order({ id: uid(String(i)) }), { notify: { event: 'ready' } }));
		const { output } = await send(items, { options: { maxConnections: 2 } }, { staticData, continueOnFail: true });
		expect(output[0][0].json.error).toMatch(/SMTP server 127\.0\.0\.1:\d+ refused the login of user "shop": Invalid login: 535/);
		expect(output[0].every((o) => /refused the login/.test(String(o.json.error)))).toBe(true);
		// the items in flight found out for themselves; the rest failed without another login attempt
		expect(sink.stats.authFailures).toBeLessThanOrEqual(2);
		await sink.close();
		await start();
		const retried = await send(items, {}, { staticData });
		expect(retried.output[0].map((o) => (o.json.mail as IDataObject).status)).toEqual(Array(6).fill('sent'));
	});

	test('switches: notifications off, event disabled, notify.enabled false, orders before the baseline', async () => {
		await start();
		const input = item(order(), { notify: { event: 'shipped', enabled: true } });
		const off = await send([input], { notificationsEnabled: false });
		expect(off.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'notifications_off' });
		const disabled = await send([input], { options: { disabledEvents: ['shipped'] } });
		expect(disabled.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'event_disabled' });
		const silent = await send([item(order(), { notify: { event: 'shipped', enabled: false } })]);
		expect(silent.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'notify_disabled' });
		const old = await send([input], { options: { baselineDate: '2026-11-21T00:00:00' } });
		expect(old.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'before_baseline' });
		const fresh = await send([input], { options: { baselineDate: '2026-11-19T00:00:00' } });
		expect(fresh.output[0][0].json.mail).toMatchObject({ status: 'sent' });
		await sink.waitFor(1);
	});

	test("the Order Status Mapper's stored baseline is honoured by name", async () => {
		await start();
		const staticData: Record<string, IDataObject> = {};
		const { resetBaseline } = await import('../../../lib/scope');
		await resetBaseline(workflowLedger(), 'default', '2026-11-21T00:00:00.000Z');
		const { output } = await send([item(order(), { notify: { event: 'shipped' } })], { options: { baselineName: 'default' } }, { staticData });
		expect(output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'before_baseline' });
	});

	test('user overrides of subject and body per event and language; an unknown placeholder is named', async () => {
		await start();
		const templateOverrides = {
			override: [
				{ event: 'shipped', language: 'any', subject: 'Parcel {{trackingNumber}} for {{customerName}}', html: '<p>Hi {{customerName}}, {{trackingLink}}</p>' },
				{ event: 'shipped', language: 'sk', subject: 'Balík {{trackingNumber}}', html: '' },
			],
		};
		const shipped = (lang: string, id: string) =>
			item(order({ id: uid(id), customer: { name: '<Zuzka>', email: `${lang}@example.com`, language: lang }, tracking: [{ number: 'T1', url: 'https://t.example/T1' }] }), {
				notify: { event: 'shipped' },
			});
		await send([shipped('en', '1'), shipped('sk', '2')], { templateOverrides });
		const mails = await sink.waitFor(2);
		const en = mails.find((m) => m.envelope.to[0] === 'en@example.com')!
		expect(en.subject).toBe('Parcel T1 for <Zuzka>');
		expect(en.html).toContain('Hi &lt;Zuzka&gt;, <a href="https://t.example/T1">Track your parcel</a>');
		const sk = mails.find((m) => m.envelope.to[0] === 'sk@example.com')!
		expect(sk.subject).toBe('Balík T1');
		expect(sk.html).toContain('Vašu objednávku WC-1001 sme odovzdali dopravcovi.');

		const broken = { override: [{ event: 'shipped', language: 'any', subject: 'Order {{orderNo}}', html: '' }] };
		const error = await send([shipped('en', '3')], { templateOverrides: broken }).catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toContain('Unknown placeholder {{orderNo}} in your subject for "shipped"');
		expect((error as { description?: string }).description).toContain('{{orderNumber}}');
		expect(sink.messages).toHaveLength(2);
	});

	test('Notify Managers mails the list of managers once per order', async () => {
		await start();
		const staticData: Record<string, IDataObject> = {};
		const ozon = order({ system: 'ozon', id: uid('0123-4567-1'), number: '0123-4567-1', customer: { name: 'Иван Петров' }, currency: 'RUB', totals: { gross: 1500 } });
		const parameters = { operation: 'notifyManagers', managerEmails: 'boss@shop.example; stock@shop.example', managerLanguage: 'ru' };
		await send([item(ozon)], parameters, { staticData });
		const [mail] = await sink.waitFor(1);
		expect(mail.envelope.to.sort()).toEqual(['boss@shop.example', 'stock@shop.example']);
		expect(mail.subject).toBe('Новый заказ 0123-4567-1 (ozon)');
		expect(mail.text).toContain('Покупатель: Иван Петров');
		const again = await send([item(ozon)], parameters, { staticData });
		expect(again.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'already_sent' });
	});

	test('Send Test Message mails every template with sample data in the chosen language', async () => {
		await start();
		const { output } = await send([{ json: {} }], { operation: 'sendTestMessage', testTo: 'me@shop.example', testEvent: 'all', testLanguage: 'cs' });
		const mails = await sink.waitFor(12);
		expect(output[0]).toHaveLength(12);
		expect(mails.every((m) => m.envelope.to[0] === 'me@shop.example')).toBe(true);
		const subjects = mails.map((m) => m.subject);
		expect(subjects).toContain('Objednávka 2026-1001 je na cestě');
		expect(subjects).toContain('Nová objednávka 2026-1001 (sample)');
		const edited = mails.find((m) => m.subject === 'Změna ve Vaší objednávce 2026-1001')!
		expect(edited.text).toContain('Přidáno: Tea spoon, 2 ×');
		for (const m of mails) expect(m.html).not.toMatch(/\{\{|\}\}/);
		const decision = mails.find((m) => m.subject === 'Je třeba rozhodnout: objednávka 2026-1001 (sample)')!;
		expect(decision.text).toContain('Přijmout, nebo odmítnout objednávku (https://n8n.example.com/form-waiting/1001?signature=sample)');
	});

	describe('Notify Managers: Decision Needed with the decision link', () => {
		const link = 'https://n8n.shop.example/form-waiting/42?signature=a1b2&x="<y>"';
		const decide = (extra: Record<string, unknown> = {}) => ({
			operation: 'notifyManagers',
			managerEmails: 'boss@shop.example',
			managerEvent: 'decision_needed',
			decisionLink: link,
			...extra,
		});
		const posting = (id: string) =>
			order({ system: 'ozon', id: uid(id), number: id, customer: { name: 'Иван <Петров>' }, currency: 'RUB', totals: { gross: 1500 } });

		test('the mail carries the link as a labelled button, escaped, and the address in the text part', async () => {
			await start();
			const { output } = await send([item(posting('0001-1'))], decide({ managerLanguage: 'en' }));
			const [mail] = await sink.waitFor(1);
			expect(mail.subject).toBe('Decision needed: order 0001-1 (ozon)');
			const href = 'https://n8n.shop.example/form-waiting/42?signature=a1b2&amp;x=%22%3Cy%3E%22';
			expect(mail.html).toContain(`<a href="${href}" style="`);
			expect(mail.html).toContain('>Accept or reject the order</a>');
			expect(mail.html).not.toContain('<y>');
			expect(mail.html).toContain('Иван &lt;Петров&gt;');
			expect(mail.text).toContain('Accept or reject the order (https://n8n.shop.example/form-waiting/42?signature=a1b2&x=%22%3Cy%3E%22)');
			expect(output[0][0].json.mail).toMatchObject({ status: 'sent', event: 'decision_needed', to: ['boss@shop.example'] });
		});

		test.each([
			['sk', 'Treba rozhodnúť: objednávka 0002-1 (ozon)', 'Prijať alebo odmietnuť objednávku'],
			['cs', 'Je třeba rozhodnout: objednávka 0002-1 (ozon)', 'Přijmout, nebo odmítnout objednávku'],
			['pl', 'Potrzebna decyzja: zamówienie 0002-1 (ozon)', 'Przyjmij lub odrzuć zamówienie'],
			['sv', 'Beslut behövs: order 0002-1 (ozon)', 'Godkänn eller avvisa ordern'],
			['ru', 'Нужно решение: заказ 0002-1 (ozon)', 'Принять или отклонить заказ'],
			['en', 'Decision needed: order 0002-1 (ozon)', 'Accept or reject the order'],
			['de', 'Entscheidung nötig: Bestellung 0002-1 (ozon)', 'Bestellung annehmen oder ablehnen'],
		])('%s: subject and button label in the managers\' language', async (language, subject, label) => {
			await start();
			await send([item(posting('0002-1'))], decide({ managerLanguage: language }));
			const [mail] = await sink.waitFor(1);
			expect(mail.subject).toBe(subject);
			expect(mail.html).toContain(`<html lang="${language}">`);
			expect(mail.html).toContain(`">${label}</a>`);
			expect(mail.text).toContain(`${label} (https://n8n.shop.example/form-waiting/42?signature=a1b2&x=%22%3Cy%3E%22)`);
		});

		test('a javascript: link or none at all is refused, naming the order, the field and the fix; nothing is mailed', async () => {
			await start();
			const refused = await send([item(posting('0003-1'))], decide({ decisionLink: 'javascript:alert(document.cookie)' }), { continueOnFail: true });
			expect(refused.output[0][0].json.error).toBe('Decision Link of order 0003-1 is not an http(s) address: "javascript:alert(document.cookie)"');
			await expect(send([item(posting('0003-1'))], decide({ decisionLink: ' ' }))).rejects.toMatchObject({
				message: 'Decision Link is empty for the "decision_needed" mail of order 0003-1',
				description: expect.stringContaining('{{ $execution.resumeFormUrl }}'),
			});
			await expect(send([item(posting('0003-1'))], decide({ decisionLink: '/form-waiting/42' }))).rejects.toThrow('is not an http(s) address');
			expect(sink.messages).toHaveLength(0);
		});

		test('a refused decision link is named without its query, so the form signature stays out of the error', async () => {
			await start();
			const { output } = await send([item(posting('0005-1'))], decide({ decisionLink: 'n8n.shop.example/form-waiting/42?signature=a1b2c3' }), { continueOnFail: true });
			expect(output[0][0].json.error).toBe('Decision Link of order 0005-1 is not an http(s) address: "n8n.shop.example/form-waiting/42?…"');
			expect(JSON.stringify(output)).not.toContain('a1b2c3');
			expect(sink.messages).toHaveLength(0);
		});

		test('exactly once per decision request: the new-order mail and the decision mail of one order both go, a rerun asks again only with a new form', async () => {
			await start();
			const staticData: Record<string, IDataObject> = {};
			const ozon = posting('0004-1');
			await send([item(ozon)], decide({ managerEvent: 'new_external_order', decisionLink: '' }), { staticData });
			await send([item(ozon)], decide(), { staticData });
			const repeated = await send([item(ozon)], decide(), { staticData });
			expect(repeated.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'already_sent' });
			const announced = await send([item(ozon)], decide({ managerEvent: 'new_external_order', decisionLink: '' }), { staticData });
			expect(announced.output[0][0].json.mail).toMatchObject({ status: 'skipped', reason: 'already_sent' });
			await send([item(ozon)], decide({ decisionLink: 'https://n8n.shop.example/form-waiting/43?signature=c3d4' }), { staticData });
			const mails = await sink.waitFor(3);
			expect(mails.map((m) => m.subject)).toEqual(['New order 0004-1 (ozon)', 'Decision needed: order 0004-1 (ozon)', 'Decision needed: order 0004-1 (ozon)']);
			expect(mails[2].text).toContain('form-waiting/43?signature=c3d4');
			expect(JSON.stringify(staticData)).not.toContain('signature=');
		});
	});
});
