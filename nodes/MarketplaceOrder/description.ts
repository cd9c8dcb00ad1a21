import type { INodeProperties } from 'n8n-workflow';
import { MARKETPLACES } from '../../lib/connectors/marketplaces';
import { dryRunProperty } from '../shared/dry-run';

/** The operations that write to the marketplace or move the sync state, and so offer Dry Run. */
export const DRY_RUN_OPERATIONS = ['getNewOrders', 'acceptPositions', 'rejectPositions', 'processAutomatically', 'sendStatus', 'setTracking'];

const orderOps = ['getOrder', 'acceptPositions', 'rejectPositions', 'processAutomatically', 'sendStatus', 'setTracking'];

export const properties: INodeProperties[] = [
	{
		displayName: 'Marketplace',
		name: 'marketplace',
		type: 'options',
		noDataExpression: true,
		options: MARKETPLACES.map((m) => ({ name: m.name, value: m.value, ...(m.description ? { description: m.description } : {}) })),
		// Saved workflows leave out a parameter at its default, so the first marketplace stays the default for good.
		default: 'ozon',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Accept Positions',
				value: 'acceptPositions',
				action: 'Accept positions of an order',
				description: 'Accept the whole order or chosen positions (Ozon: pack the posting)',
			},
			{
				name: 'Get New Orders',
				value: 'getNewOrders',
				action: 'Get new orders',
				description: 'Orders placed since the last run, each once',
			},
			{ name: 'Get Order', value: 'getOrder', action: 'Get an order' },
			{
				name: 'Process Automatically',
				value: 'processAutomatically',
				action: 'Accept or reject positions by stock',
				description: 'Accept a position when the offer on the item covers its quantity, otherwise reject it',
			},
			{
				name: 'Reject Positions',
				value: 'rejectPositions',
				action: 'Reject positions of an order',
				description: 'Reject the whole order or chosen positions, or delete it from our processing',
			},
			{
				name: 'Send Status',
				value: 'sendStatus',
				action: 'Send the status of decided positions',
				description: 'Send the marketplace status mapped to each accepted or rejected position',
			},
			{ name: 'Set Tracking', value: 'setTracking', action: 'Set the tracking number of an order' },
		],
		default: 'getNewOrders',
	},

	// Get New Orders
	{
		displayName: 'Only Orders Awaiting a Decision',
		name: 'onlyAwaitingDecision',
		type: 'boolean',
		default: true,
		description: 'Whether to emit only orders still waiting to be accepted or rejected (Ozon: awaiting_packaging)',
		displayOptions: { show: { operation: ['getNewOrders'] } },
	},
	{
		displayName: 'First Run Looks Back (Hours)',
		name: 'lookbackHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 8760 },
		default: 24,
		description: 'How far back the first run looks; later runs continue from where the last one stopped',
		displayOptions: { show: { operation: ['getNewOrders'] } },
	},
	{
		displayName: 'Overlap (Minutes)',
		name: 'overlapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'Each run re-reads this much before the last one, for orders the marketplace lists late; none is emitted twice',
		displayOptions: { show: { operation: ['getNewOrders'] } },
	},

	// every per-order operation
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '={{ $json.order.id }}',
		description: 'The marketplace order (Ozon: posting number; ZZAP: the lowest position code of the buyer order)',
		displayOptions: { show: { operation: orderOps } },
	},

	// Accept / Reject Positions
	{
		displayName: 'Reject Mode',
		name: 'rejectMode',
		type: 'options',
		options: [
			{ name: 'Reject on the Marketplace', value: 'reject', description: 'Tell the marketplace the positions will not be sent' },
			{
				name: 'Delete From Our Processing',
				value: 'delete',
				description: 'Drop the order here without telling the marketplace; it never comes back from Get New Orders',
			},
		],
		default: 'reject',
		displayOptions: { show: { operation: ['rejectPositions'] } },
	},
	{
		displayName: 'Positions',
		name: 'positionsMode',
		type: 'options',
		options: [
			{ name: 'Whole Order', value: 'all' },
			{ name: 'Chosen Positions', value: 'selected' },
		],
		default: 'all',
		displayOptions: { show: { operation: ['acceptPositions', 'rejectPositions'] }, hide: { rejectMode: ['delete'] } },
	},
	{
		displayName: 'Position IDs',
		name: 'positionIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001, OIL-FLT-07:1',
		description: 'Marketplace SKUs or your articles, comma-separated; add ":quantity" for part of a position',
		displayOptions: { show: { operation: ['acceptPositions', 'rejectPositions'], positionsMode: ['selected'] }, hide: { rejectMode: ['delete'] } },
	},
	{
		displayName: 'Reject Other Positions',
		name: 'rejectOthers',
		type: 'boolean',
		default: false,
		description: 'Whether to reject the positions not chosen first (Ozon ships a posting whole)',
		displayOptions: { show: { operation: ['acceptPositions'], positionsMode: ['selected'] } },
	},

	// Process Automatically
	{
		displayName: 'Offer Field',
		name: 'offerField',
		type: 'string',
		required: true,
		default: 'stock',
		placeholder: 'stock',
		description:
			'Field on the input item holding what you can deliver, e.g. set by a price-list lookup: a number (one-position orders), an object {"ARTICLE": 5} or a list [{"sku": "ARTICLE", "stock": 5}]. Dots reach nested fields.',
		displayOptions: { show: { operation: ['processAutomatically'] } },
	},
	{
		displayName: 'Allow Partial Acceptance',
		name: 'allowPartial',
		type: 'boolean',
		default: true,
		description: 'Whether to accept the covered positions of an order when others are rejected; off rejects the whole order',
		displayOptions: { show: { operation: ['processAutomatically'] } },
	},
	{
		displayName: 'Tell the Marketplace',
		name: 'tellMarketplace',
		type: 'boolean',
		default: true,
		description: 'Whether to send the accept and reject to the marketplace now; off only decides (send later with Send Status)',
		displayOptions: { show: { operation: ['processAutomatically'] } },
	},
	{
		displayName: 'Customer ID Field',
		name: 'customerIdField',
		type: 'string',
		default: '',
		placeholder: 'lookup.customerNumber',
		description:
			'Field on the input item with the ID of a matching existing customer (from a lookup in the shop or ERP); left empty, the buyer is whoever the order names, or the marketplace itself',
		displayOptions: { show: { operation: ['processAutomatically', 'acceptPositions'] } },
	},

	// Send Status
	{
		displayName: 'Decisions',
		name: 'decisions',
		type: 'json',
		required: true,
		default: '={{ $json.decision.positions }}',
		description:
			'The decision per position: a list of {"positionId": "1001", "decision": "accepted"} or an object {"1001": "accepted", "1002": "rejected"}',
		displayOptions: { show: { operation: ['sendStatus'] } },
	},
	{
		displayName: 'Status Mapping',
		name: 'statusMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		description: 'The marketplace status each decision sends; without a mapping, accepted positions are accepted and rejected ones cancelled',
		displayOptions: { show: { operation: ['sendStatus'] } },
		options: [
			{
				name: 'mappings',
				displayName: 'Mapping',
				values: [
					{
						displayName: 'Decision',
						name: 'decision',
						type: 'options',
						options: [
							{ name: 'Accepted', value: 'accepted' },
							{ name: 'Rejected', value: 'rejected' },
						],
						default: 'accepted',
					},
					{
						displayName: 'Marketplace Status Name or ID',
						name: 'status',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getStatuses', loadOptionsDependsOn: ['marketplace'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
				],
			},
		],
	},

	// the reject reason, wherever positions may be rejected
	...[
		{ operation: ['rejectPositions', 'processAutomatically', 'sendStatus'] },
		{ operation: ['acceptPositions'], rejectOthers: [true] },
	].flatMap((show): INodeProperties[] => [
		{
			displayName: 'Reject Reason Name or ID',
			name: 'rejectReason',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getRejectReasons', loadOptionsDependsOn: ['marketplace'] },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			displayOptions: { show, hide: { rejectMode: ['delete'] } },
		},
		{
			displayName: 'Reject Message',
			name: 'rejectMessage',
			type: 'string',
			default: '',
			description: 'Free text sent with the reason (Ozon requires it for reason 402 "Other")',
			displayOptions: { show, hide: { rejectMode: ['delete'] } },
		},
	]),

	// Set Tracking
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		required: true,
		default: '={{ $json.order.tracking?.[0]?.number }}',
		displayOptions: { show: { operation: ['setTracking'] } },
	},
	{
		...dryRunProperty('the request the marketplace would get; new orders without remembering them'),
		displayOptions: { show: { operation: DRY_RUN_OPERATIONS } },
	},
];
