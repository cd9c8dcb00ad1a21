/**
 * Notify Customer dry: the mail it would send is in the item (recipient, language, subject, HTML, text, attachments)
 * with the ledger's verdict, the SMTP server gets nothing, the ledger does not move, and the real run afterwards
 * sends exactly that mail.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { execute } from '../../helpers/n8n-context';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { testStore } from '../../helpers/state';

const node = new NotifyCustomer();
let sink: SmtpSink;
beforeEach(async () => {
	sink = await startSmtpSink();
});
afterEach(() => sink.close());

const order: Order = {
	system: 'pohoda',
	id: '41',
	number: 'OP-41',
	externalIds: {},
	status: { code: 'Vyřízeno' },
	customer: { name: 'Åsa Lindström', email: 'asa@example.se', language: 'sv', country: 'SE' },
	lines: [{ sku: 'TEA', name: 'Grönt te', quantity: 1, unitPrice: 90, total: 90 }],
	currency: 'SEK',
	totals: { gross: 90 },
	createdAt: '2026-12-01T10:00:00Z',
};
const items = (): INodeExecutionData[] => [{ json: { order: order as unknown as IDataObject, notify: { event: 'completed' } } }];
const run = (dryRun: boolean) =>
	execute(node, {
		items: items(),
		parameters: { event: 'fromItem', dryRun },
		credentials: { orderSyncSmtpApi: { host: '127.0.0.1', port: sink.port, security: 'none', fromEmail: 'orders@shop.example', fromName: 'Te & Co' } },
	});
// The process's heartbeat aside: it says this process is alive, not what was done.
const ledgerKeys = async () =>
	(await testStore().namespace('instance').list('')).map((entry) => entry.key).filter((key) => !key.startsWith('proc|'));

test('dry: the mail is shown, not sent, the ledger unchanged; the real run then sends that mail once', async () => {
	const dry = (await run(true)).output[0][0].json as IDataObject & { mail: IDataObject; dryRun: { mail: IDataObject; ledger: string } };
	expect(dry.mail).toMatchObject({ status: 'dry_run', event: 'completed', language: 'sv', to: ['asa@example.se'] });
	expect(dry.dryRun.ledger).toBe('would_do');
	expect(dry.dryRun.mail).toMatchObject({ from: 'orders@shop.example', to: ['asa@example.se'], attachments: [] });
	expect(String(dry.dryRun.mail.html)).toContain('Åsa Lindström');
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect(sink.messages).toHaveLength(0);
	expect(await ledgerKeys()).toEqual([]);

	const real = (await run(false)).output[0][0].json as { mail: IDataObject };
	expect(real.mail.status).toBe('sent');
	const [received] = await sink.waitFor(1);
	expect(received.subject).toBe(dry.dryRun.mail.subject);
	expect(received.text?.trim()).toBe(String(dry.dryRun.mail.text).trim());

	const again = (await run(true)).output[0][0].json as { mail: IDataObject; dryRun: { ledger: string } };
	expect(again.dryRun.ledger).toBe('already_done');
	expect(again.mail).toMatchObject({ status: 'dry_run', reason: 'already_done' });
});
