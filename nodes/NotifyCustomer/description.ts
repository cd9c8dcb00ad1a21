import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { EVENT_LABELS, LANGUAGE_NAMES, MAIL_LANGUAGES, MANAGER_EVENTS, NOTIFY_EVENTS } from '../../lib/mail';
import { dryRunProperty } from '../shared/dry-run';

const eventOptions = (events: readonly string[]): INodePropertyOptions[] =>
	events.map((event) => ({ name: EVENT_LABELS[event as keyof typeof EVENT_LABELS], value: event }));
const customerEvents = NOTIFY_EVENTS.filter((event) => !MANAGER_EVENTS.includes(event));
const languageOptions: INodePropertyOptions[] = MAIL_LANGUAGES.map((language) => ({
	name: LANGUAGE_NAMES[language],
	value: language,
}));
const fromItem: INodePropertyOptions = {
	name: 'From Input Item (notify.event)',
	value: 'fromItem',
	description: "The event the Order Status Mapper set in the item's notify.event",
};

const allEvents: INodePropertyOptions = { name: 'All Events (One Mail Each)', value: 'all' };

const operations = (...names: string[]) => ({ show: { operation: names } });

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Get Mail Records',
				value: 'getRecords',
				description: 'What was mailed (to whom, when, its Message-ID) and done for an order, from the state store',
				action: 'Get the mail records of an order',
			},
			{
				name: 'Notify Managers',
				value: 'notifyManagers',
				description: 'Mail the shop’s staff about new external orders, or ask them to decide on one through a link',
				action: 'Notify managers',
			},
			{
				name: 'Send Notification',
				value: 'sendNotification',
				description: 'Mail each order’s customer about its event, once per order and event',
				action: 'Send a notification to the customer',
			},
			{
				name: 'Send Test Message',
				value: 'sendTestMessage',
				description: 'Send a template filled with sample order data to an address, to check it before going live',
				action: 'Send a test message',
			},
		],
		default: 'sendNotification',
	},

	// Get Mail Records
	{
		displayName: 'System',
		name: 'recordSystem',
		type: 'string',
		default: '={{ $json.order.system }}',
		required: true,
		description: 'The system the order belongs to, as our nodes name it: woocommerce, pohoda, ozon, or a generic ERP’s name',
		displayOptions: operations('getRecords'),
	},
	{
		displayName: 'Order ID',
		name: 'recordOrderId',
		type: 'string',
		default: '={{ $json.order.id }}',
		required: true,
		description: 'The order’s ID in that system',
		displayOptions: operations('getRecords'),
	},

	// Send Notification
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: [fromItem, ...eventOptions(customerEvents)],
		default: 'fromItem',
		description: 'Which mail to send',
		displayOptions: operations('sendNotification'),
	},
	{
		displayName: 'Recipient Email',
		name: 'recipient',
		type: 'string',
		default: '',
		placeholder: 'name@example.com',
		description: "Leave empty to mail the order's customer (order.customer.email)",
		displayOptions: operations('sendNotification'),
	},
	{
		displayName: 'Fallback Language',
		name: 'fallbackLanguage',
		type: 'options',
		options: languageOptions,
		default: 'en',
		description: "The language when neither the customer's language nor their country tells one of ours",
		displayOptions: operations('sendNotification'),
	},

	// Notify Managers
	{
		displayName: 'Manager Emails',
		name: 'managerEmails',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'orders@shop.example.com, boss@shop.example.com',
		description: 'Who to tell, separated by commas',
		displayOptions: operations('notifyManagers'),
	},
	{
		displayName: 'Event',
		name: 'managerEvent',
		type: 'options',
		options: [fromItem, ...eventOptions(NOTIFY_EVENTS)],
		default: 'new_external_order',
		description: 'Which mail to send',
		displayOptions: operations('notifyManagers'),
	},
	{
		displayName: 'Language',
		name: 'managerLanguage',
		type: 'options',
		options: languageOptions,
		default: 'en',
		displayOptions: operations('notifyManagers'),
	},
	{
		displayName: 'Decision Link',
		name: 'decisionLink',
		type: 'string',
		default: '',
		placeholder: '{{ $execution.resumeFormUrl }}',
		description:
			'Where the managers accept or reject the order: an http(s) address, e.g. the expression {{ $execution.resumeFormUrl }} for a Wait node (Resume: On Form Submitted) after this node. Shown as a button in "Decision Needed" mails (required there) and wherever a template uses {{decisionLink}} or {{decisionUrl}}.',
		displayOptions: operations('notifyManagers'),
	},

	// Send Test Message
	{
		displayName: 'Send To',
		name: 'testTo',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'me@shop.example.com',
		displayOptions: operations('sendTestMessage'),
	},
	{
		displayName: 'Event',
		name: 'testEvent',
		type: 'options',
		options: [...eventOptions(NOTIFY_EVENTS), allEvents],
		default: 'order_confirmation',
		displayOptions: operations('sendTestMessage'),
	},
	{
		displayName: 'Language',
		name: 'testLanguage',
		type: 'options',
		options: languageOptions,
		default: 'en',
		displayOptions: operations('sendTestMessage'),
	},

	// Switches
	{
		displayName: 'Send Notifications',
		name: 'notificationsEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether to send anything at all. Off: every item passes through marked as skipped.',
		displayOptions: operations('sendNotification', 'notifyManagers'),
	},
	{
		displayName: 'Test Mode',
		name: 'testMode',
		type: 'boolean',
		default: false,
		description:
			'Whether to send every mail to the test recipient instead, with the real recipient in the subject and in the X-Order-Sync-Original-To header',
		displayOptions: operations('sendNotification', 'notifyManagers'),
	},
	{
		...dryRunProperty('the mail it would send (recipient, language, subject, HTML and text, attachments) and whether it was mailed before'),
		displayOptions: operations('sendNotification', 'notifyManagers'),
	},
	{
		displayName: 'Test Recipient',
		name: 'testRecipient',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'me@shop.example.com',
		displayOptions: { show: { operation: ['sendNotification', 'notifyManagers'], testMode: [true] } },
	},
	{
		displayName: 'Template Overrides',
		name: 'templateOverrides',
		placeholder: 'Add Override',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'Your own subject and/or HTML body for an event. Placeholders such as {{orderNumber}}, {{customerName}}, {{linesTable}}, {{total}}, {{trackingNumber}}, {{trackingLink}}, {{decisionLink}}, {{shopName}} are filled and HTML-escaped; an unknown one stops the item with its name.',
		options: [
			{
				name: 'override',
				displayName: 'Override',
				values: [
					{
						displayName: 'Event',
						name: 'event',
						type: 'options',
						options: eventOptions(NOTIFY_EVENTS),
						default: 'order_confirmation',
					},
					{
						displayName: 'HTML Body',
						name: 'html',
						type: 'string',
						typeOptions: { rows: 8 },
						default: '',
						placeholder: '<p>{{greeting}}</p><p>Your order {{orderNumber}} …</p>',
						description: 'Leave empty to keep the built-in body. The plain-text part is made from it.',
					},
					{
						displayName: 'Language',
						name: 'language',
						type: 'options',
						options: [{ name: 'Any Language', value: 'any' }, ...languageOptions],
						default: 'any',
						description: 'Use this override only for mails in this language',
					},
					{
						displayName: 'Subject',
						name: 'subject',
						type: 'string',
						default: '',
						description: 'Leave empty to keep the built-in subject',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Baseline Date',
				name: 'baselineDate',
				type: 'dateTime',
				default: '',
				description: 'Orders created before this date are not mailed (turning the workflow on over old orders)',
			},
			{
				displayName: 'Disabled Events',
				name: 'disabledEvents',
				type: 'multiOptions',
				options: eventOptions(NOTIFY_EVENTS),
				default: [],
				description: 'Events that are never mailed; their items pass through marked as skipped',
			},
			{
				displayName: 'Invoice Binary Property',
				name: 'invoiceBinaryProperty',
				type: 'string',
				default: 'data',
				description: 'The binary property holding the invoice PDF, attached to "completed" and "invoiced" mails',
			},
			{
				displayName: 'Max Connections',
				name: 'maxConnections',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 5,
				description: 'How many SMTP connections the batch may use at once',
			},
			{
				displayName: 'Messages Per Second',
				name: 'perSecond',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: "At most this many mails a second, for providers with a sending limit (0: no limit)",
			},
			{
				displayName: 'Names From Order',
				name: 'namesFrom',
				type: 'json',
				default: '',
				placeholder: "={{ $('Shop Trigger').item.json.order }}",
				description:
					'The same order from a system that keeps names faithfully (the shop\'s), whose customer name, addresses and line names the mail uses. An ERP storing Windows-1250 (POHODA) turns Cyrillic or Å into "?": such text never reaches a mail, the greeting is then neutral.',
			},
			{
				displayName: 'Reply To',
				name: 'replyTo',
				type: 'string',
				default: '',
				placeholder: 'support@shop.example.com',
			},
			{
				displayName: 'Shop Name',
				name: 'shopName',
				type: 'string',
				default: '',
				description: "The shop's name in the mails; the credential's From Name when empty",
			},
			{
				displayName: 'Stored Baseline Name',
				name: 'baselineName',
				type: 'string',
				default: '',
				placeholder: 'default',
				description:
					"Also skip orders created before the baseline the Order Status Mapper's Reset Baseline stored under this name in this workflow",
			},
			{
				displayName: 'When the Shop Mails Too',
				name: 'whenShopMailsToo',
				type: 'options',
				options: [
					{ name: 'Warn', value: 'warn', description: 'Send ours and put a warning in the output and the n8n log' },
					{ name: 'Skip Our Mail', value: 'skip', description: "Leave the mail to the shop" },
					{ name: 'Fail', value: 'fail', description: "Stop the item, naming the shop's setting to turn off" },
				],
				default: 'warn',
				description: "What to do when the item's shopMail (set by Shop Order's Update Status) says the shop mails the customer about this change itself",
			},
		],
	},
];
