/** A stand-in for n8n's credential-test context (ICredentialTestFunctions): `helpers.request` over node:http. */
import type { ICredentialTestFunctions } from 'n8n-workflow';
import { nodeHttpSend, type HttpMethod } from '../../lib/transport';

interface RequestOptions {
	uri: string;
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	timeout?: number;
	rejectUnauthorized?: boolean;
}

export function credentialTestContext(): ICredentialTestFunctions {
	const request = async (options: RequestOptions) => {
		const response = await nodeHttpSend({ rejectUnauthorized: options.rejectUnauthorized !== false })({
			method: (options.method ?? 'GET') as HttpMethod,
			url: options.uri,
			headers: options.headers,
			body: options.body,
			timeoutMs: options.timeout,
		});
		// resolveWithFullResponse + simple: false + encoding: null, as the node asks for
		return { statusCode: response.status, headers: response.headers, body: response.body };
	};
	return { logger: console, helpers: { request } } as unknown as ICredentialTestFunctions;
}
