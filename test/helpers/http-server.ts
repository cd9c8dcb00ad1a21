import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
	server: http.Server;
	url: string;
	close(): Promise<void>;
}

/** Starts an HTTP server on loopback: on `port`, or a free one. `close()` also ends open keep-alive sockets. */
export async function listen(handler: http.RequestListener, port = 0): Promise<RunningServer> {
	const server = http.createServer(handler);
	const sockets = new Set<import('node:net').Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		server,
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}
