import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Tested by the Shop nodes (`idosellConnectionTest`, testedBy from the shop registry, which the lint cannot follow): the
 * shop's clock and its status list, and the customer mails IdoSell sends itself. No declarative `test` here: n8n would
 * run it instead of the nodes' test.
 */
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class OrderSyncIdoSellApi implements ICredentialType {
	name = 'orderSyncIdoSellApi';

	displayName = 'Order Sync IdoSell Admin API';

	icon: Icon = { light: 'file:icons/idosell.svg', dark: 'file:icons/idosell.dark.svg' };

	documentationUrl = 'https://idosell.readme.io/';

	properties: INodeProperties[] = [
		{
			displayName: 'Panel Address',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://myshop.idosell.com',
			required: true,
			description: 'The address of the shop\'s IdoSell panel; the API path (/api/admin/v6) is added',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An Admin API key from the panel (Administration → API → Admin API keys) that may read and edit orders',
		},
		{
			displayName: 'Shop Time Zone',
			name: 'timeZone',
			type: 'string',
			default: 'Europe/Warsaw',
			description: 'IANA time zone of the shop: IdoSell gives and takes dates in shop-local time without a zone',
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'X-API-KEY': '={{$credentials.apiKey}}' },
		},
	};
}
