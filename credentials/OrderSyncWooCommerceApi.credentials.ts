import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// Tested by the Shop nodes (testedBy from the shop registry, which the lint cannot follow): the key reads orders and
// statuses, and the test names the customer mails WooCommerce sends itself. A declarative `test` would run instead.
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class OrderSyncWooCommerceApi implements ICredentialType {
	name = 'orderSyncWooCommerceApi';

	displayName = 'Order Sync WooCommerce API';

	icon: Icon = { light: 'file:icons/woocommerce.svg', dark: 'file:icons/woocommerce.dark.svg' };

	documentationUrl = 'https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://shop.example.com',
			required: true,
			description: "The shop's address, without /wp-json. Use HTTPS: the keys travel as HTTP Basic authentication.",
		},
		// Half of the HTTP Basic pair (ck_…): masked like the secret, as n8n's own WooCommerce credential does.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'WooCommerce → Settings → Advanced → REST API → Add key, with Read/Write permissions',
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		// A boolean switch, not a secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field
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
			auth: {
				username: '={{$credentials.consumerKey}}',
				password: '={{$credentials.consumerSecret}}',
			},
		},
	};
}
