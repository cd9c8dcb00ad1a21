/**
 * 1,000 order mails to a loopback SMTP sink (with AUTH): the pooled mailer of the Notify Customer node against one
 * transport per mail, one after another (a connection and a login per item, as n8n's Send Email node does).
 *   npm run bench -- notify [mails]
 */
import { composeMail, Mailer, mailbox, sampleOrder, type OutgoingMail, type SmtpSettings } from '../lib/mail';
import { startSmtpSink } from '../test/helpers/smtp-sink';

async function main() {
	const mails = Number(process.argv[2] ?? 1000);
	const sink = await startSmtpSink({ auth: { user: 'bench', pass: 'bench' }, parse: false });
	const settings: SmtpSettings = { host: sink.host, port: sink.port, security: 'none', user: 'bench', password: 'bench' };
	const { order } = sampleOrder('sk');
	const composed = composeMail({ event: 'order_confirmation', order, language: 'sk', shopName: 'Bench Shop' });
	const message = (i: number): OutgoingMail => ({
		from: mailbox('orders@bench.example', 'Bench Shop'),
		to: [mailbox(`customer${i}@example.com`, 'Jana Kováčová')],
		...composed,
	});

	const pooled = new Mailer(settings, { maxConnections: 5 });
	let started = performance.now();
	await Promise.all(Array.from({ length: mails }, (_, i) => pooled.send(message(i))));
	const msPooled = performance.now() - started;
	pooled.close();
	const pooledConnections = sink.stats.connections;
	console.log(`pooled: ${mails} mails in ${msPooled.toFixed(0)} ms over ${pooledConnections} connections (${(msPooled / mails).toFixed(2)} ms a mail)`);

	const single = new Mailer(settings, { pool: false });
	started = performance.now();
	for (let i = 0; i < mails; i++) await single.send(message(i));
	const msTransportPerMail = performance.now() - started;
	console.log(
		`transport per mail: ${mails} mails in ${msTransportPerMail.toFixed(0)} ms over ${sink.stats.connections - pooledConnections} connections (${(msTransportPerMail / mails).toFixed(1)} ms a mail; smtp-server pauses 100 ms before each greeting)`,
	);

	await sink.waitFor(2 * mails, 10_000);
	await sink.close();
	console.log(
		JSON.stringify({
			mails,
			msPooled: Math.round(msPooled),
			msTransportPerMail: Math.round(msTransportPerMail),
			speedup: Math.round((msTransportPerMail / msPooled) * 10) / 10,
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
