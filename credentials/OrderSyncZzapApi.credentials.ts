import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * ZZAP seller web service: the login, password and API key travel as form fields of every request. Tested by the
 * Marketplace Order node (testedBy from the marketplace registry, which the lint cannot follow): ZZAP answers a wrong
 * login with HTTP 200, so a declarative test, which n8n would run instead, could not tell.
 */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class OrderSyncZzapApi implements ICredentialType {
	name = 'orderSyncZzapApi';

	displayName = 'Order Sync ZZAP API';

	icon: Icon = { light: 'file:icons/zzap.svg', dark: 'file:icons/zzap.dark.svg' };

	documentationUrl = 'https://wiki.zzap.ru/api5-%D0%B4%D0%BB%D1%8F-%D0%BF%D1%80%D0%BE%D0%B4%D0%B0%D0%B2%D1%86%D0%BE%D0%B2/';

	properties: INodeProperties[] = [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: 'https://api.zzap.pro',
			required: true,
			description: 'The web service host; methods are under /webservice/datasharing.asmx',
		},
		{
			displayName: 'Login (E-Mail)',
			name: 'login',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The e-mail the ZZAP seller account was registered with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Issued by ZZAP support on request',
		},
		{
			displayName: 'Seconds Between Requests',
			name: 'intervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0.2 },
			default: 3,
			description: 'ZZAP publishes no limit; requests of this login are spaced this far apart across all executions',
		},
		{
			displayName: 'Accepted Status Code',
			name: 'acceptedStatus',
			type: 'string',
			default: '',
			description: 'The status code (from GetCodesTrack) an accept sets; empty: the status named "В работе" or "Принят"',
		},
		{
			displayName: 'Rejected Status Code',
			name: 'rejectedStatus',
			type: 'string',
			default: '',
			description: 'The status code a reject sets when the node names no reject reason; empty: the first status named "Отказ…"',
		},
		{
			displayName: 'Reply to Buyer on Accept',
			name: 'acceptReply',
			type: 'string',
			default: 'Заказ принят в работу',
			description: 'The text the buyer reads on ZZAP when a position is accepted',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field -- an on/off switch, not a secret
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the TLS certificate cannot be verified',
		},
	];

	/** Appends the three account fields to the form body, so they never pass through the package's own code. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const form = new URLSearchParams(typeof requestOptions.body === 'string' ? requestOptions.body : '');
		form.set('login', String(credentials.login ?? '').trim());
		form.set('password', String(credentials.password ?? ''));
		form.set('api_key', String(credentials.apiKey ?? '').trim());
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
			body: form.toString(),
		};
	}
}
