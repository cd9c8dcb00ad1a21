import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// Tested by the Shop nodes (testedBy from the shop registry, which the lint cannot follow): n8n prefers a declarative
// `test` here over the node's, and one request cannot prove both orders and order states nor name the shop's mails.
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class OrderSyncPrestaShopApi implements ICredentialType {
	name = 'orderSyncPrestaShopApi';

	displayName = 'Order Sync PrestaShop API';

	icon: Icon = { light: 'file:icons/prestashop.svg', dark: 'file:icons/prestashop.dark.svg' };

	documentationUrl = 'https://devdocs.prestashop-project.org/8/webservice/';

	properties: INodeProperties[] = [
		{
			displayName: 'Shop URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://shop.example.com',
			required: true,
			description: "The shop's address (without /api). Use HTTPS: the key travels as HTTP Basic authentication.",
		},
		{
			displayName: 'Webservice Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Advanced Parameters → Webservice → Add new key (32 characters). Give it GET, POST and PUT on orders, order_histories, order_states, order_carriers, customer_threads and customer_messages, and GET on customers, addresses, countries, currencies, languages, carriers and stock_availables. The credential test says which of them it lacks.',
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'Europe/Prague',
			description:
				"The shop's time zone (International → Localization → Configuration). PrestaShop keeps order dates in it without an offset. Leave empty when the key may GET configurations: it is read from the shop then.",
		},
		{
			displayName: 'URL Form',
			name: 'urlForm',
			type: 'options',
			default: 'friendly',
			options: [
				{ name: 'Friendly URLs (/api/orders)', value: 'friendly' },
				{ name: 'Without URL Rewriting (/api/?url=orders)', value: 'query' },
			],
			description: 'Whether the shop rewrites /api/… URLs (Shop Parameters → Traffic & SEO → Friendly URL)',
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
				username: '={{$credentials.apiKey}}',
				password: '',
			},
		},
	};
}
