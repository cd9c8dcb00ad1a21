import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// Tested by the Shop nodes (testedBy from the shop registry, which the lint cannot follow): BaseLinker answers a bad
// token with HTTP 200, and the test says where BaseLinker's own customer mails are set up.
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class OrderSyncBaseLinkerApi implements ICredentialType {
	name = 'orderSyncBaseLinkerApi';

	displayName = 'Order Sync BaseLinker API';

	icon: Icon = { light: 'file:icons/baselinker.svg', dark: 'file:icons/baselinker.dark.svg' };

	documentationUrl = 'https://api.baselinker.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: 'https://api.baselinker.com/connector.php',
			required: true,
			description: 'The connector.php endpoint',
		},
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'BaseLinker → My account → API → token',
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 90,
			description:
				'How many of the token\'s 100 requests a minute Order Sync may use, shared by every workflow and worker using this token. Lower it when other tools use the same token: past 100 BaseLinker blocks the token for all of them.',
		},
		{
			displayName: 'Invoice Series ID',
			name: 'invoiceSeriesId',
			type: 'number',
			default: 0,
			description:
				'The numbering series (BaseLinker → Orders → Invoices) in which an invoice is issued before the ERP\'s PDF is attached, for orders that have none yet. 0: attach only to invoices already issued.',
		},
		{
			displayName: 'Include Unconfirmed Orders',
			name: 'includeUnconfirmed',
			type: 'boolean',
			default: false,
			description: 'Whether to report orders the buyer has not confirmed yet (BaseLinker advises against: they may still change)',
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
			headers: {
				'X-BLToken': '={{$credentials.token}}',
			},
		},
	};
}
