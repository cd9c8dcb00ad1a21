import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** SMTP server for the Notify Customer node; tested by the node (nodemailer's verify), see its `testedBy`. */
export class OrderSyncSmtpApi implements ICredentialType {
	name = 'orderSyncSmtpApi';

	displayName = 'Order Sync SMTP';

	icon: Icon = { light: 'file:icons/smtp.svg', dark: 'file:icons/smtp.dark.svg' };

	documentationUrl = 'https://github.com/order-sync/n8n-nodes-order-sync#notify-customer';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: '',
			placeholder: 'smtp.example.com',
			required: true,
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 587,
			description: 'Usually 587 with STARTTLS, 465 with SSL/TLS, 25 between servers',
		},
		{
			displayName: 'Security',
			name: 'security',
			type: 'options',
			default: 'starttls',
			options: [
				{ name: 'SSL/TLS', value: 'ssl', description: 'Encrypted from the first byte (usually port 465)' },
				{ name: 'STARTTLS', value: 'starttls', description: 'Plain connection upgraded to TLS; refused if the server cannot (usually port 587)' },
				{ name: 'None', value: 'none', description: 'No encryption: only for a relay on the same trusted network' },
			],
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'Leave empty if the server accepts mail without a login',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'From Email',
			name: 'fromEmail',
			type: 'string',
			default: '',
			placeholder: 'orders@shop.example.com',
			required: true,
			description: 'The sender address customers see and reply to',
		},
		{
			displayName: 'From Name',
			name: 'fromName',
			type: 'string',
			default: '',
			placeholder: 'My Shop',
			description: 'The sender name; also the shop name in the templates unless the node sets one',
		},
		{
			displayName: 'HELO Name',
			name: 'heloName',
			type: 'string',
			default: '',
			placeholder: 'mail.shop.example.com',
			description: "The name n8n introduces itself with (EHLO/HELO); the machine's host name when empty",
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field -- an on/off switch, not a secret
		{
			displayName: 'Ignore Certificate Errors',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description: "Whether to connect even if the server's TLS certificate cannot be verified (self-signed). Only for servers you trust.",
		},
	];
}
