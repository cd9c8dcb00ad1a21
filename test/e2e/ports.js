'use strict';
// Free loopback ports for n8n and its task broker (the e2e harness and the fault-injection suite).
const net = require('node:net');

/**
 * A free port below Linux's ephemeral range (32768+), so nothing listening on port 0 (simulators, SMTP sink, other
 * tests) can take it between this check and n8n binding it.
 */
async function freePort() {
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = 20000 + Math.floor(Math.random() * 12000);
		if (await canListen(port)) return port;
	}
	throw new Error('no free port found between 20000 and 32000');
}

function canListen(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Two distinct free ports: n8n's and its task runners' broker's. */
async function n8nPorts() {
	const port = await freePort();
	let brokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	return { port, brokerPort };
}

module.exports = { freePort, n8nPorts };
