import type { IDataObject } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { execute } from '../../helpers/n8n-context';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';

/** A POHODA order of a Swedish customer: Windows-1250 has no Å, so POHODA gives "?sa". */
const pohodaOrder: Order = {
	system: 'pohoda',
	id: '41',
	externalIds: { pohoda: '41', shop: '1041' },
	status: { code: 'executed' },
	customer: { name: '?sa Lindström', email: 'asa@example.se', country: 'SE' },
	billingAddress: { name: '?sa Lindström', city: 'Malm?' },
	lines: [{ sku: 'TEA', name: 'Te fr?n ?land', quantity: 1, unitPrice: 10 }],
};
const shopOrder: Partial<Order> = { customer: { name: 'Åsa Lindström' }, lines: [{ sku: 'TEA', name: 'Te från Åland', quantity: 1 }] };

describe('Notify Customer: names from the shop order, never "?" for lost letters', () => {
	let smtp: SmtpSink;
	beforeAll(async () => {
		smtp = await startSmtpSink();
	});
	afterAll(async () => smtp.close());

	const send = (options: IDataObject, continueOnFail = false) =>
		execute(new NotifyCustomer(), {
			parameters: { operation: 'sendNotification', event: 'order_confirmation', fallbackLanguage: 'en', notificationsEnabled: true, options },
			items: [{ json: { order: pohodaOrder as unknown as IDataObject } }],
			credentials: { orderSyncSmtpApi: { host: '127.0.0.1', port: smtp.port, security: 'none', fromEmail: 'orders@shop.example', fromName: 'Shop' } },
			continueOnFail,
		});

	it('greets neutrally and names lines by SKU without a better source; with the shop order by its names', async () => {
		await send({});
		const [plain] = await smtp.waitFor(1);
		expect(plain.text).toContain('Hej!');
		expect(plain.text).toContain('TEA');
		expect(plain.text).not.toMatch(/\?/);
		expect(plain.to && 'text' in plain.to ? plain.to.text : '').toBe('asa@example.se');

		// A rerun of the same event (the shop order now given as JSON text) is not mailed again.
		await send({ namesFrom: JSON.stringify(shopOrder) });
		expect(smtp.messages).toHaveLength(1);
	});

	it('uses the shop order given as an object', async () => {
		const before = smtp.messages.length;
		const { output } = await execute(new NotifyCustomer(), {
			parameters: { operation: 'sendNotification', event: 'shipped', fallbackLanguage: 'en', notificationsEnabled: true, options: { namesFrom: shopOrder } },
			items: [{ json: { order: { ...pohodaOrder, id: '42' } as unknown as IDataObject } }],
			credentials: { orderSyncSmtpApi: { host: '127.0.0.1', port: smtp.port, security: 'none', fromEmail: 'orders@shop.example', fromName: 'Shop' } },
		});
		expect(output[0][0].json.mail).toMatchObject({ status: 'sent', language: 'sv' });
		const mail = (await smtp.waitFor(before + 1))[before];
		expect(mail.text).toContain('Hej Åsa Lindström!');
		expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('Åsa Lindström');
		expect(mail.text).not.toMatch(/\?/);
	});

	it('stops the item naming the option when it is not an order', async () => {
		const { output } = await send({ namesFrom: 'the shop order' }, true);
		expect(output[0][0].json.error).toMatch(/Names From Order of order 41 is not an order/);
	});
});
