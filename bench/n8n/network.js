'use strict';
// The bench's network model on loopback: TCP proxies that count connections (and, for SMTP, hold every server
// reply back by the model's one-way delay), and an SMTP server (smtp-server) that keeps each message's raw bytes.
const net = require('node:net');
const { SMTPServer } = require('smtp-server');
const { SMTPConnection } = require('smtp-server/lib/smtp-connection');

// smtp-server holds every greeting back 100 ms to catch clients that talk too soon; the model's provider greets at
// once and the proxy adds the model's delay. (Only the bench's own process loads this.)
SMTPConnection.prototype.init = function greetAtOnce() {
	this._setListeners(() => this.connectionReady());
};

/**
 * A TCP proxy on a free loopback port in front of `target` ({host, port}). Counts connections; with `replyDelayMs`
 * every chunk from the server reaches the client that much later, in order (the greeting and each SMTP reply, or
 * several pipelined replies sent at once, arrive one delay later).
 */
async function startProxy(target, { replyDelayMs = 0 } = {}) {
	const stats = { connections: 0, bytesFromServer: 0 };
	const sockets = new Set();
	const server = net.createServer((client) => {
		stats.connections++;
		const upstream = net.connect(target.port, target.host);
		client.setNoDelay(true);
		upstream.setNoDelay(true);
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			socket.on('error', () => {
				client.destroy();
				upstream.destroy();
			});
		}
		client.pipe(upstream);
		upstream.on('data', (chunk) => (stats.bytesFromServer += chunk.length));
		if (!replyDelayMs) upstream.pipe(client);
		else {
			// Each chunk is due `replyDelayMs` after it arrived; the chain keeps them in order.
			let chain = Promise.resolve();
			upstream.on('data', (chunk) => {
				const due = Date.now() + replyDelayMs;
				chain = chain.then(() => sleep(due - Date.now())).then(() => client.writable && client.write(chunk));
			});
			upstream.on('end', () => chain.then(() => client.end()));
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		host: '127.0.0.1',
		port: server.address().port,
		stats,
		reset() {
			stats.connections = 0;
			stats.bytesFromServer = 0;
		},
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/**
 * An SMTP server as a mail provider runs one: PIPELINING and 8BITMIME offered, AUTH PLAIN/LOGIN accepted, no
 * STARTTLS (loopback), greeting at once. Keeps each message's envelope and raw bytes; counts sessions and messages.
 */
async function startSmtpSink() {
	const messages = [];
	const stats = { sessions: 0, messages: 0 };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		// No reverse lookup of the client before the greeting either.
		disableReverseLookup: true,
		logger: false,
		size: 10 * 1024 * 1024,
		onConnect(_session, cb) {
			stats.sessions++;
			cb();
		},
		onAuth: (_auth, _session, cb) => cb(null, { user: 'bench' }),
		onData(stream, session, cb) {
			const chunks = [];
			stream.on('data', (c) => chunks.push(c));
			stream.on('end', () => {
				stats.messages++;
				messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
				cb();
			});
		},
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		host: '127.0.0.1',
		port: server.server.address().port,
		messages,
		stats,
		reset() {
			messages.length = 0;
			stats.sessions = 0;
			stats.messages = 0;
		},
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

module.exports = { startProxy, startSmtpSink };
