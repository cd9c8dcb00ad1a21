'use strict';
// A loopback SMTP server that keeps every mail (parsed with mailparser) and shows them on a small web page.
// Used by the e2e harness (assertions on `mails`) and by `npm run demo` (the page).
const http = require('node:http');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

/**
 * @param {{smtpPort?:number, httpPort?:number, host?:string, replyDelayMs?:number}} [options] ports default to free
 *   ones; `replyDelayMs` holds each mail's final SMTP reply back (a slow mail server: the fault suite kills n8n while
 *   mails are in flight)
 * @returns {Promise<{smtpPort:number, url:string|null, mails:object[], inFlight:number, replyDelayMs:number, clear():void, waitFor(n:number, ms?:number):Promise<object[]>, close():Promise<void>}>}
 */
async function startMailCatcher({ smtpPort = 0, httpPort, host = '127.0.0.1', replyDelayMs = 0 } = {}) {
	const mails = [];
	// Transactions whose DATA began and whose final reply the sender has not acted on yet (a reply counts as read once
	// the same connection sends its next MAIL FROM or closes: a sender killed before reading it sends the mail again);
	// `fault` (set by the fault suite)
	// answers a mail with a temporary SMTP error (421, 451) instead of storing it, or keeps it and drops the connection.
	const flow = { inFlight: 0, replyDelayMs, fault: () => undefined };
	/** Replies per connection the sender has not acted on yet */
	const unread = new Map();
	const acknowledged = (session) => {
		flow.inFlight -= unread.get(session.id) ?? 0;
		unread.delete(session.id);
	};
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		// Accept any login: the demo and e2e credentials carry a user and password like a real mailbox would.
		onAuth: (_auth, _session, cb) => cb(null, { user: 'demo' }),
		onMailFrom(_address, session, cb) {
			acknowledged(session);
			cb();
		},
		onClose: (session) => acknowledged(session),
		onData(stream, session, cb) {
			flow.inFlight++;
			const reply = (error) => {
				unread.set(session.id, (unread.get(session.id) ?? 0) + 1);
				cb(error);
			};
			simpleParser(stream)
				.then(async (parsed) => {
					const fault = flow.fault();
					if (fault === 421 || fault === 451) return reply(Object.assign(new Error('Temporary failure, try again later'), { responseCode: fault }));
					mails.push({
						id: mails.length + 1,
						receivedAt: new Date().toISOString(),
						envelopeFrom: session.envelope.mailFrom && session.envelope.mailFrom.address,
						envelopeTo: session.envelope.rcptTo.map((r) => r.address),
						from: parsed.from ? parsed.from.text : '',
						to: parsed.to ? [].concat(parsed.to).map((t) => t.text).join(', ') : '',
						subject: parsed.subject || '',
						html: parsed.html || '',
						text: parsed.text || '',
						headers: Object.fromEntries([...parsed.headers].map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
						language: parsed.headers.get('content-language') || '',
						attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, content: a.content })),
					});
					if (flow.replyDelayMs) await new Promise((r) => setTimeout(r, flow.replyDelayMs));
					if (fault === 'drop') {
						flow.inFlight--;
						for (const connection of smtp.connections) if (connection.id === session.id) connection._socket.destroy();
						return;
					}
					reply();
				})
				.catch(reply);
		},
		logger: false,
	});
	await new Promise((resolve, reject) => {
		smtp.once('error', reject);
		smtp.listen(smtpPort, host, resolve);
	});
	const boundSmtpPort = smtp.server.address().port;

	let web = null;
	if (httpPort !== undefined) {
		web = http.createServer((req, res) => serve(mails, req, res));
		await new Promise((resolve, reject) => {
			web.once('error', reject);
			web.listen(httpPort, host, resolve);
		});
	}

	return {
		smtpPort: boundSmtpPort,
		host,
		url: web ? `http://localhost:${web.address().port}` : null,
		mails,
		get inFlight() {
			return flow.inFlight;
		},
		get replyDelayMs() {
			return flow.replyDelayMs;
		},
		set replyDelayMs(ms) {
			flow.replyDelayMs = ms;
		},
		/** `() => undefined | 421 | 451 | 'drop'`, asked once per mail */
		set fault(decide) {
			flow.fault = decide;
		},
		clear: () => mails.splice(0),
		async waitFor(count, ms = 60000) {
			const deadline = Date.now() + ms;
			while (mails.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
			return mails;
		},
		async close() {
			await new Promise((resolve) => smtp.close(resolve));
			if (web) {
				web.closeAllConnections();
				await new Promise((resolve) => web.close(resolve));
			}
		},
	};
}

const escapeHtml = (s) =>
	String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function serve(mails, req, res) {
	const url = new URL(req.url, 'http://localhost');
	const attachment = /^\/mail\/(\d+)\/attachment\/(\d+)$/.exec(url.pathname);
	const body = /^\/mail\/(\d+)\/body$/.exec(url.pathname);
	if (url.pathname === '/api/mails') {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(mails.map(({ attachments, ...m }) => ({ ...m, attachments: attachments.map(({ content, ...a }) => a) }))));
	} else if (attachment) {
		const file = mails[Number(attachment[1]) - 1]?.attachments[Number(attachment[2])];
		if (!file) return notFound(res);
		res.writeHead(200, { 'content-type': file.contentType, 'content-disposition': `inline; filename="${encodeURIComponent(file.filename || 'file')}"` });
		res.end(file.content);
	} else if (body) {
		const mail = mails[Number(body[1]) - 1];
		if (!mail) return notFound(res);
		// The mail's own HTML, shown in a sandboxed iframe so its content cannot script the page.
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" });
		res.end(mail.html || `<pre>${escapeHtml(mail.text)}</pre>`);
	} else if (url.pathname === '/') {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(page(mails));
	} else notFound(res);
}

function notFound(res) {
	res.writeHead(404, { 'content-type': 'text/plain' });
	res.end('not found');
}

function page(mails) {
	const rows = [...mails]
		.reverse()
		.map(
			(m) => `<section>
<h2>#${m.id} ${escapeHtml(m.subject)}</h2>
<p><b>To:</b> ${escapeHtml(m.to)} &nbsp; <b>From:</b> ${escapeHtml(m.from)} &nbsp; <b>At:</b> ${escapeHtml(m.receivedAt)}${m.language ? ` &nbsp; <b>Language:</b> ${escapeHtml(m.language)}` : ''}</p>
${m.attachments.map((a, i) => `<p>📎 <a href="/mail/${m.id}/attachment/${i}" target="_blank">${escapeHtml(a.filename || 'attachment')}</a> (${escapeHtml(a.contentType)}, ${a.size} bytes)</p>`).join('')}
<iframe sandbox src="/mail/${m.id}/body" title="mail ${m.id}"></iframe>
</section>`,
		)
		.join('\n');
	return `<!doctype html><html><head><meta charset="utf-8"><title>Order Sync demo — mails</title>
<meta http-equiv="refresh" content="5">
<style>body{font-family:system-ui,sans-serif;margin:2em;background:#f6f6f8}section{background:#fff;padding:1em;margin:1em 0;border-radius:8px;box-shadow:0 1px 3px #0002}iframe{width:100%;height:360px;border:1px solid #ddd}</style>
</head><body><h1>Mails sent (${mails.length})</h1><p>Refreshes every 5 s. JSON: <a href="/api/mails">/api/mails</a></p>
${rows || '<p>No mail yet.</p>'}</body></html>`;
}

module.exports = { startMailCatcher };
