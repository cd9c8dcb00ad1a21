import type { INodeProperties } from 'n8n-workflow';
import { ERPS } from '../../lib/connectors/erps';
import { dryRunProperty } from '../shared/dry-run';

const pohoda = { erp: ['pohoda'] };
const op = (...operation: string[]) => ({ show: { ...pohoda, operation } });

export const erpProperties: INodeProperties[] = [
	// Each ERP's notice of what it cannot do, shown while it is selected.
	...ERPS.filter((erp) => erp.notice).map<INodeProperties>((erp) => ({
		displayName: erp.notice ?? '',
		name: `${erp.value}Notice`,
		type: 'notice',
		default: '',
		displayOptions: { show: { erp: [erp.value] } },
	})),
	{
		displayName: 'ERP',
		name: 'erp',
		type: 'options',
		noDataExpression: true,
		options: [
			...ERPS.map((erp) => ({ name: erp.name, value: erp.value, ...(erp.description ? { description: erp.description } : {}) })),
			{
				name: 'Generic (From Input Items)',
				value: 'generic',
				description: 'Any ERP whose rows you fetch with other nodes (Microsoft SQL, HTTP Request) and map here',
			},
		],
		// Saved workflows leave out a parameter at its default, so the first ERP stays the default for good (the lint
		// sees only the literal option).
		// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
		default: 'pohoda',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: pohoda },
		options: [
			{
				name: 'Create Invoice From Order',
				value: 'createInvoice',
				description: 'Issue an invoice linked to a received order, which marks the order completed',
				action: 'Create an invoice from an order',
			},
			{
				name: 'Get Changes',
				value: 'getChanges',
				description: 'Received orders created, edited, completed or cancelled since the last run',
				action: 'Get order changes',
			},
			{
				name: 'Get Document PDF',
				value: 'getDocumentPdf',
				description: 'The invoice of an order as a PDF file',
				action: 'Get the invoice PDF of an order',
			},
			{
				name: 'Get Order',
				value: 'getOrder',
				description: 'A received order by POHODA ID, number or the shop’s order ID',
				action: 'Get an order',
			},
			{
				name: 'Import Order',
				value: 'importOrder',
				description: 'Add a shop order as a received order; an order imported before is not added again',
				action: 'Import an order',
			},
		],
		default: 'getChanges',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { erp: ['generic'] } },
		options: [
			{
				name: 'Detect Changes',
				value: 'detectChanges',
				description: 'Compare the input rows with what this workflow saw before and emit the changes',
				action: 'Detect changes in input orders',
			},
		],
		default: 'detectChanges',
	},
	{
		...dryRunProperty('for Import Order and Create Invoice From Order, the request POHODA would get; for changes, the events without remembering them'),
		displayOptions: { show: { operation: ['getChanges', 'importOrder', 'createInvoice', 'detectChanges'] } },
	},

	{
		displayName: 'External System Name',
		name: 'externalSystem',
		type: 'string',
		displayOptions: op('getChanges', 'getOrder', 'createInvoice', 'getDocumentPdf'),
		default: 'eshop',
		description:
			'The name POHODA keeps the shop’s order ID under (ord:extId/exSystemName), as used on import. POHODA exports the shop’s order ID only for this system.',
	},

	// ----- Get Changes -----
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		displayOptions: op('getChanges'),
		options: [
			{ name: 'Now', value: 'now', description: 'The first run only remembers the time; later runs report what changed after it' },
			{ name: 'Date', value: 'date', description: 'The first run reports what changed since a date' },
		],
		default: 'now',
		description: 'Where the first run starts, so it does not replay the whole order history',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		displayOptions: { show: { ...pohoda, operation: ['getChanges'], startFrom: ['date'] } },
		default: '',
		required: true,
	},
	{
		displayName: 'Options',
		name: 'changeOptions',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: op('getChanges'),
		default: {},
		options: [
			{
				displayName: 'Include POHODA Data',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add POHODA’s own order data as order.raw (more memory for large batches)',
			},
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description: 'Each run looks this far back before the last run so a change made during a run is not missed; repeats are dropped',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: 1000,
				description: 'Orders per mServer request',
			},
			{
				displayName: 'POHODA Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Prague',
				description: 'Time zone of the POHODA computer; empty uses the workflow’s time zone',
			},
		],
	},

	// ----- Get Order -----
	{
		displayName: 'Find By',
		name: 'lookupBy',
		type: 'options',
		displayOptions: op('getOrder'),
		options: [
			{ name: 'POHODA ID', value: 'id' },
			{ name: 'Order Number', value: 'number' },
			{ name: 'Shop Order ID (External ID)', value: 'extId' },
		],
		default: 'id',
	},
	{
		displayName: 'Value',
		name: 'lookupValue',
		type: 'string',
		displayOptions: op('getOrder'),
		default: '={{ $json.order?.externalIds?.pohoda ?? $json.order?.id }}',
		required: true,
	},


	// ----- Import Order -----
	{
		displayName: 'Order',
		name: 'order',
		type: 'json',
		displayOptions: op('importOrder'),
		default: '={{ $json.order }}',
		description: 'The order in the package’s order model, e.g. from the Shop Trigger',
		required: true,
	},
	{
		displayName: 'Shop Order ID',
		name: 'shopOrderId',
		type: 'string',
		displayOptions: op('importOrder'),
		default: '={{ $json.order.externalIds.woocommerce ?? $json.order.id }}',
		description: 'Kept in POHODA as the order’s external ID; an order with this ID is never imported twice',
		required: true,
	},

	// ----- Create Invoice / Get Document PDF -----
	{
		displayName: 'POHODA Order ID',
		name: 'orderId',
		type: 'string',
		displayOptions: op('createInvoice', 'getDocumentPdf'),
		default: '={{ $json.order?.externalIds?.pohoda ?? ($json.order?.system === "pohoda" ? $json.order?.id : "") }}',
		description: 'The received order’s ID in POHODA. By default the incoming order’s own ID when it comes from POHODA, else its POHODA ID (externalIds.pohoda), never another system’s ID.',
		required: true,
	},
	{
		displayName: 'Invoice Text',
		name: 'invoiceText',
		type: 'string',
		displayOptions: op('createInvoice'),
		default: '',
		description: 'Optional text of the invoice; empty takes it from the order',
	},
	{
		displayName: 'Report ID',
		name: 'reportId',
		type: 'number',
		displayOptions: op('getDocumentPdf'),
		default: 0,
		description: 'The POHODA print report (form) ID for issued invoices, as listed in POHODA’s print dialog',
		required: true,
	},
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		displayOptions: op('getDocumentPdf'),
		default: '',
		description: 'POHODA ID of the invoice; empty finds the invoice linked to the order',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		displayOptions: op('getDocumentPdf'),
		default: 'data',
		hint: 'The name of the output binary field to put the PDF in',
	},
	{
		displayName: 'Import Options',
		name: 'importOptions',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: op('importOrder'),
		default: {},
		options: [
			{
				displayName: 'Customer in Address Book',
				name: 'addressBook',
				type: 'options',
				options: [
					{ name: 'Off', value: 'off', description: 'The order carries the customer’s address only' },
					{ name: 'Match', value: 'match', description: 'Link the order to the address book record found by IČO, e-mail or phone' },
					{ name: 'Match or Create', value: 'matchOrCreate', description: 'Link to the record found, else add the customer to the address book first' },
				],
				default: 'off',
				description: 'Whether the order is linked to the customer’s record in POHODA’s address book (found by IČO, then e-mail, then phone)',
			},
			{
				displayName: 'External System Name',
				name: 'externalSystem',
				type: 'string',
				default: 'eshop',
				description: 'The name POHODA keeps the shop’s order ID under (ord:extId/exSystemName)',
			},
			{
				displayName: 'Link Lines to Stock Items',
				name: 'linkStockItems',
				type: 'boolean',
				default: false,
				description: 'Whether to link each line to the POHODA stock item whose code is the line’s SKU (the item must exist)',
			},
			{
				displayName: 'Prices Include VAT',
				name: 'pricesIncludeVat',
				type: 'boolean',
				default: true,
				description: "Whether the lines' unit prices include VAT, for orders that do not say so themselves (WooCommerce orders do: their prices are before tax)",
			},
			{
				displayName: 'Update Customer Region',
				name: 'updateRegion',
				type: 'boolean',
				default: false,
				description: 'Whether to set the address book record’s region to the order’s when they differ (with Customer in Address Book)',
			},
		],
	},

	// ----- Generic -----
	{
		displayName: 'ERP Name',
		name: 'system',
		type: 'string',
		displayOptions: { show: { erp: ['generic'] } },
		default: 'erp',
		placeholder: 'optima',
		description: 'A short name of the ERP, used as the orders’ system (e.g. optima, enova)',
		required: true,
	},
	{
		displayName: 'Field Mapping',
		name: 'fields',
		type: 'fixedCollection',
		displayOptions: { show: { erp: ['generic'] } },
		default: { mapping: { orderId: 'id', status: 'status' } },
		options: [
			{
				displayName: 'Mapping',
				name: 'mapping',
				values: [
					{
						displayName: 'Carrier Field',
						name: 'carrier',
						type: 'string',
						default: '',
						description: 'Optional field with the carrier of the parcel (e.g. DHL), shown in the shipped mail',
					},
					{
						displayName: 'Country Field',
						name: 'country',
						type: 'string',
						default: '',
						description: "Optional field with the customer's country (ISO code, e.g. SK): the mail's language when the row names no language",
					},
					{
						displayName: 'Created At',
						name: 'createdAt',
						type: 'string',
						default: '',
						description: 'Optional field with the date the order was created, for the mapper\'s "created within X days" scope; a time without offset is read in the workflow\'s time zone',
					},
					{
						displayName: 'E-Mail Field',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
					},
					{
						displayName: 'Language Field',
						name: 'language',
						type: 'string',
						default: '',
						description: "Optional field with the customer's language (e.g. sk, pl-PL): the language of the customer's mails",
					},
					{
						displayName: 'Lines Field',
						name: 'lines',
						type: 'string',
						default: '',
						description: 'Optional field with the lines:	an array (or JSON text) of objects with sku, name, quantity, unitPrice',
					},
					{
						displayName: 'Order ID Field',
						name: 'orderId',
						type: 'string',
						default: 'id',
							required:	true,
					},
					{
						displayName: 'Realised Field',
						name: 'realised',
						type: 'string',
						default: '',
						description: 'Optional field with the sales document that realised the order (e.g. an invoice or receipt number): such an order is out of the mapper\'s "only orders not yet realised" scope',
					},
					{
						displayName: 'Shop Order ID Field',
						name: 'shopOrderId',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Status Field',
						name: 'status',
						type: 'string',
						default: 'status',
							required:	true,
					},
					{
						displayName: 'Tracking Number Field',
						name: 'trackingNumber',
						type: 'string',
						default: '',
						description: 'Optional field with the parcel\'s tracking number: when one appears on an order, Detect Changes emits a "shipped" event (once)',
					},
					{
						displayName: 'Tracking URL Field',
						name: 'trackingUrl',
						type: 'string',
						default: '',
						description: 'Optional field with the link where the customer follows the parcel',
					},
					{
						displayName: 'Updated At Field',
						name: 'updatedAt',
						type: 'string',
						default: '',
					},
				],
			},
		],
		description: 'Which fields of the input items hold the order’s data (dots reach nested fields)',
	},
	{
		displayName: 'Line Prices Include Tax',
		name: 'linePricesIncludeTax',
		type: 'boolean',
		displayOptions: { show: { erp: ['generic'] } },
		default: true,
		description: "Whether the unit prices in the Lines field include tax; a shop applying an edited price (Shop Order → Update Lines) takes the tax out when they do",
	},
	{
		displayName: 'Completed Status Values',
		name: 'completedStatuses',
		type: 'string',
		displayOptions: { show: { erp: ['generic'] } },
		default: '',
		placeholder: 'Zrealizowane, Completed',
		description: 'Comma-separated status values that mean completed',
	},
	{
		displayName: 'Cancelled Status Values',
		name: 'cancelledStatuses',
		type: 'string',
		displayOptions: { show: { erp: ['generic'] } },
		default: '',
		placeholder: 'Anulowane, Cancelled',
		description: 'Comma-separated status values that mean cancelled',
	},
];
