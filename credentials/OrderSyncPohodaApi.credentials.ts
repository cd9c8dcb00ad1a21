import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

// Tested by the ERP Order Status node (testedBy from the ERP registry, which the lint cannot follow).
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class OrderSyncPohodaApi implements ICredentialType {
	name = 'orderSyncPohodaApi';

	displayName = 'Order Sync POHODA mServer API';

	icon: Icon = { light: 'file:icons/pohoda.svg', dark: 'file:icons/pohoda.dark.svg' };

	documentationUrl = 'https://www.stormware.cz/pohoda/xml/mserver/';

	properties: INodeProperties[] = [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'http://pohoda-server:444',
			description: 'Base address of POHODA mServer (without /xml)',
			required: true,
		},
		{
			displayName: 'User Name',
			name: 'username',
			type: 'string',
			default: '',
			description: 'A POHODA user with the right to XML communication',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'IČO',
			name: 'ico',
			type: 'string',
			default: '',
			description: 'Company ID (IČO) of the accounting unit; every request names it and POHODA refuses other units',
			required: true,
		},
		{
			displayName: 'Home Currency',
			name: 'homeCurrency',
			type: 'string',
			default: 'CZK',
			placeholder: 'CZK',
			description: 'ISO code of the accounting unit’s own currency: CZK for POHODA (CZ), EUR for POHODA SK. Orders in another currency are imported as foreign-currency orders at POHODA’s exchange rate.',
		},
		{
			displayName: 'Application',
			name: 'application',
			type: 'string',
			default: 'n8n Order Sync',
			description: 'Name sent as STW-Application and dataPack/@application, shown in POHODA’s XML log',
		},
		{
			displayName: 'Instance',
			name: 'instance',
			type: 'string',
			default: '',
			description: 'Optional STW-Instance header, to tell apart several installations sending to one mServer',
		},
		{
			displayName: 'Check Duplicity',
			name: 'checkDuplicity',
			type: 'boolean',
			default: true,
			description: 'Whether POHODA should refuse a dataPack it already processed (STW-Check-Duplicity), so a retried import never creates a second order',
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

	/** mServer reads the POHODA user from STW-Authorization (Basic), not from the standard Authorization header. */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const user = `${String(credentials.username ?? '')}:${String(credentials.password ?? '')}`;
		const headers: Record<string, string> = {
			'STW-Authorization': `Basic ${Buffer.from(user, 'utf8').toString('base64')}`,
			'STW-Application': String(credentials.application || 'n8n Order Sync'),
			'STW-Check-Duplicity': credentials.checkDuplicity === false ? 'false' : 'true',
		};
		if (credentials.instance) headers['STW-Instance'] = String(credentials.instance);
		return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
	}
}
