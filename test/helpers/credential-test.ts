/** What n8n hands a credential test: its bare request helper (no authentication), here over real HTTP. */
export function credentialTestFunctions() {
	return {
		logger: console,
		helpers: {
			async request(options: { uri: string; method: string; headers?: Record<string, string>; body?: string | Buffer }) {
				const response = await fetch(options.uri, { method: options.method, headers: options.headers, body: options.body });
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
			},
		},
	};
}
