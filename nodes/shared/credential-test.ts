import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	ICredentialType,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import type { ShopDefinition } from '../../lib/connectors/shop';
import { SHOPS } from '../../lib/connectors/shops';
import { buildUrl, type HttpSend } from '../../lib/transport';
import { shopFromCredentials } from './shop';

interface RequestResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer | string | undefined;
}

/** `={{$credentials.field}}` and text around it: the only expressions our generic credentials use. */
function resolveCredentialExpression(value: unknown, data: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value.slice(1).replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) => String(data[name] ?? ''));
}

function resolveAll(values: object | undefined, data: ICredentialDataDecryptedObject): Record<string, string> {
	return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, String(resolveCredentialExpression(value, data))]));
}

/**
 * The request as n8n would authenticate it for `credentialType`: a credential test gets only n8n's bare request
 * helper, so the type's own `authenticate` (a function, or generic headers/query/Basic auth) is applied here.
 */
async function authenticated(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const authenticate = credentialType.authenticate;
	if (typeof authenticate === 'function') return await authenticate(data, request);
	if (!authenticate) return request;
	const { headers, qs, auth } = authenticate.properties;
	const basic = auth ? resolveAll(auth, data) : undefined;
	return {
		...request,
		headers: {
			...request.headers,
			...resolveAll(headers, data),
			...(basic ? { authorization: `Basic ${Buffer.from(`${basic.username ?? ''}:${basic.password ?? ''}`).toString('base64')}` } : {}),
		},
		qs: { ...request.qs, ...resolveAll(qs, data) },
	};
}

/** The lib transport's sender for a credential test: n8n's request helper, the request authenticated by the type. */
export function credentialTestSend(context: ICredentialTestFunctions, credentialType: ICredentialType, data: ICredentialDataDecryptedObject): HttpSend {
	return async (request) => {
		const options = await authenticated(credentialType, data, {
			url: request.url,
			method: request.method,
			headers: request.headers,
			qs: request.qs,
			body: request.body?.toString(),
		});
		const response = (await context.helpers.request({
			uri: buildUrl(options.url, options.qs as Record<string, string> | undefined),
			method: options.method,
			headers: options.headers,
			body: options.body,
			encoding: null,
			resolveWithFullResponse: true,
			simple: false,
			timeout: request.timeoutMs,
			rejectUnauthorized: data.allowUnauthorizedCerts !== true,
		})) as RequestResponse;
		const body = response.body;
		return { status: response.statusCode, headers: response.headers ?? {}, body: Buffer.isBuffer(body) ? body : Buffer.from(body ?? '') };
	};
}

/** The package's credential type by its name, from `credentials/<Name>.credentials` (n8n's file convention). */
function credentialTypeNamed(name: string): ICredentialType {
	const className = name.charAt(0).toUpperCase() + name.slice(1);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(`../../credentials/${className}.credentials`) as Record<string, new () => ICredentialType>;
	return new module[className]();
}

/**
 * The credential test of a shop whose connector can check its connection: what the credential reaches, and the
 * customer mails the shop sends on its own (so the merchant turns them off or leaves the mailing to the shop).
 */
export function shopConnectionTest(definition: ShopDefinition) {
	return async function (this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		const data = credential.data ?? {};
		try {
			const shop = shopFromCredentials(definition, data, credentialTestSend(this, credentialTypeNamed(definition.credentialType), data));
			if (!shop.checkConnection) return { status: 'Error', message: `${definition.name} has no connection check` };
			const { reached, ownMails } = await shop.checkConnection();
			const mails = ownMails.length
				? `${definition.name} itself mails customers: ${ownMails.join('; ')}.`
				: `${definition.name} sends no customer mail of its own about order changes.`;
			return { status: 'OK', message: `${reached}. ${mails}` };
		} catch (error) {
			return { status: 'Error', message: (error as Error).message };
		}
	};
}

/** The credential tests of every registered shop that names one, by the name its credential's `testedBy` gives. */
export const shopCredentialTests = () =>
	Object.fromEntries(SHOPS.filter((shop) => shop.credentialTest).map((shop) => [shop.credentialTest as string, shopConnectionTest(shop)]));
