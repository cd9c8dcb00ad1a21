import type { INodeProperties } from 'n8n-workflow';
import { shopProperty } from '../shared/shop';

const show = (operation: string[]) => ({ show: { resource: ['order'], operation } });

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	options: [
		{ name: 'Add Note', value: 'addNote', action: 'Add a note to an order', description: 'For the customer (mailed by the shop) or internal' },
		{ name: 'Derive Fulfilment Status', value: 'deriveFulfilment', action: 'Derive the fulfilment status of an order', description: 'Ready when every line is in stock, Backordered otherwise' },
		{ name: 'Get', value: 'get', action: 'Get an order' },
		{ name: 'Get Many', value: 'getMany', action: 'Get many orders' },
		{ name: 'Resend Confirmation', value: 'resendConfirmation', action: 'Resend the order confirmation', description: 'Mail the order details to the customer again' },
		{ name: 'Set Tracking', value: 'setTracking', action: 'Set the tracking of an order' },
		{ name: 'Split Order', value: 'splitOrder', action: 'Split an order', description: 'Move chosen lines to a new order for the same customer' },
		{ name: 'Update Lines', value: 'updateLines', action: 'Update the lines of an order', description: 'Add, change or remove lines, or apply an ERP edit' },
		{ name: 'Update Status', value: 'updateStatus', action: 'Update the status of an order', description: 'Many orders go in batches of 100' },
		{ name: 'Upload Invoice PDF', value: 'uploadInvoice', action: 'Upload an invoice PDF to an order' },
	],
	default: 'updateStatus',
};

export const properties: INodeProperties[] = [
	shopProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Order', value: 'order' }],
		default: 'order',
	},
	operationProperty,
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default:
			'={{ $json.order?.externalIds?.[$parameter["shop"]] ?? ($json.order?.system === $parameter["shop"] ? $json.order?.id : "") }}',
		description:
			"The shop's order ID. By default the incoming order's ID in this shop: its own ID when it comes from this shop, else the ID it has here (externalIds).",
		displayOptions: {
			show: {
				resource: ['order'],
				operation: ['get', 'updateStatus', 'addNote', 'setTracking', 'updateLines', 'splitOrder', 'resendConfirmation', 'uploadInvoice', 'deriveFulfilment'],
			},
		},
	},

	// Get Many
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show(['getMany']),
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['order'], operation: ['getMany'], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getMany']),
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Modified After',
				name: 'modifiedAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Status Names or IDs',
				name: 'statuses',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['shop'] },
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		],
	},

	// Update Status
	{
		displayName: 'Status Name or ID',
		name: 'status',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['shop'] },
		required: true,
		default: '={{ $json.status?.to }}',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: show(['updateStatus']),
	},

	// Add Note
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		displayOptions: show(['addNote']),
	},
	{
		displayName: 'Note For',
		name: 'noteFor',
		type: 'options',
		options: [
			{ name: 'Customer', value: 'customer', description: 'Shown to the customer and mailed by the shop' },
			{ name: 'Internal', value: 'internal', description: 'Seen by shop staff only' },
		],
		default: 'internal',
		displayOptions: show(['addNote']),
	},

	// Set Tracking
	{
		displayName: 'Carrier',
		name: 'carrier',
		type: 'string',
		default: '={{ $json.order?.tracking?.[0]?.carrier ?? "" }}',
		displayOptions: show(['setTracking']),
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		default: '={{ $json.order?.tracking?.[0]?.number ?? "" }}',
		displayOptions: show(['setTracking']),
	},
	{
		displayName: 'Tracking Link',
		name: 'trackingUrl',
		type: 'string',
		default: '={{ $json.order?.tracking?.[0]?.url ?? "" }}',
		displayOptions: show(['setTracking']),
	},
	{
		displayName: 'Tell the Customer',
		name: 'notifyCustomer',
		type: 'boolean',
		default: false,
		description:
			'Whether the shop mails the tracking to the customer. With WooCommerce this applies when the Shipment Tracking plugin is absent and the tracking goes into a customer note; leave it off when Notify Customer sends the shipping mail.',
		displayOptions: show(['setTracking']),
	},

	// Update Lines
	{
		displayName: 'Changes From',
		name: 'linesSource',
		type: 'options',
		options: [
			{ name: 'Changes Below', value: 'manual' },
			{ name: 'ERP Edit (Line Diff)', value: 'lineDiff', description: "Apply an 'edited' change event's line diff" },
		],
		default: 'manual',
		displayOptions: show(['updateLines']),
	},
	{
		displayName: 'Line Diff',
		name: 'lineDiff',
		type: 'json',
		default: '={{ $json.lineDiff }}',
		description: "The 'lineDiff' of an 'edited' change event: added, removed and changed lines, with the ERP's prices",
		displayOptions: { show: { resource: ['order'], operation: ['updateLines'], linesSource: ['lineDiff'] } },
	},
	{
		displayName: 'Line Changes',
		name: 'lineChanges',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Change',
		default: {},
		displayOptions: { show: { resource: ['order'], operation: ['updateLines'], linesSource: ['manual'] } },
		options: [
			{
				displayName: 'Change',
				name: 'change',
				values: [
					{
						displayName: 'Action',
						name: 'action',
						type: 'options',
						options: [
							{ name: 'Add Product', value: 'add' },
							{ name: 'Set Quantity', value: 'setQuantity' },
							{ name: 'Remove Line', value: 'remove' },
						],
						default: 'add',
					},
					{
						displayName: 'Product By',
						name: 'productBy',
						type: 'options',
						options: [
							{ name: 'SKU', value: 'sku' },
							{ name: 'Product ID', value: 'productId' },
						],
						default: 'sku',
					},
					{
						displayName: 'SKU or Product ID',
						name: 'product',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 1,
						description: 'Ignored for Remove Line',
					},
				],
			},
		],
	},

	// Split Order
	{
		displayName: 'Lines to Move',
		name: 'linesToMove',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		description: 'The lines (or parts of them) that go to the new order; the original keeps the rest',
		displayOptions: show(['splitOrder']),
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: [
					{
						displayName: 'Line By',
						name: 'lineBy',
						type: 'options',
						options: [
							{ name: 'SKU', value: 'sku' },
							{ name: 'Line ID', value: 'lineId' },
						],
						default: 'sku',
					},
					{
						displayName: 'SKU or Line ID',
						name: 'line',
						type: 'string',
						default: '',
						description: 'Several, separated by commas, each move the same way',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description: 'How many to move; 0 moves the whole line',
					},
				],
			},
		],
	},

	{
		displayName: 'WooCommerce Mails',
		name: 'shopMails',
		type: 'boolean',
		default: false,
		description:
			'Whether WooCommerce mails the customer and the admin about the split-off order as about a new order. Off: it is created without a mail and keeps the paid date.',
		displayOptions: { show: { resource: ['order'], operation: ['splitOrder'], shop: ['woocommerce'] } },
	},

	// Upload Invoice PDF
	{
		displayName:
			'WooCommerce core has no endpoint to attach a file to an order. Give the invoice\'s URL to add it as a customer note with the link; without a URL the operation fails for WooCommerce.',
		name: 'invoiceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['order'], operation: ['uploadInvoice'], shop: ['woocommerce'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'The binary field holding the PDF, for shops that accept uploads',
		displayOptions: show(['uploadInvoice']),
	},
	{
		displayName: 'Invoice URL',
		name: 'invoiceUrl',
		type: 'string',
		default: '',
		placeholder: 'https://erp.example.com/invoices/2024-0012.pdf',
		description: 'Where the customer can download the invoice; used when the shop cannot store the PDF itself',
		displayOptions: show(['uploadInvoice']),
	},
	{
		displayName: 'Note Text',
		name: 'invoiceNote',
		type: 'string',
		default: 'Your invoice is ready: {link}',
		description: 'The customer note; {link} becomes the invoice address',
		displayOptions: show(['uploadInvoice']),
	},
];
