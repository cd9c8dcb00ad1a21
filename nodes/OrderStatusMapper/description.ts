import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { CANONICAL_STATUSES } from '../../lib/model';
import { NOTIFY_EVENTS, PRESETS, mapperSystems } from '../../lib/mapping';
import { dryRunProperty } from '../shared/dry-run';

const titleCase = (code: string) => code.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

const systemOptions: INodePropertyOptions[] = mapperSystems().map(({ value, name }) => ({ name, value }));
const canonicalOptions: INodePropertyOptions[] = CANONICAL_STATUSES.map((status) => ({ name: titleCase(status), value: status }));
const mapStatusOnly = { show: { operation: ['mapStatus'] } };
const noteWriteOnly = { show: { operation: ['noteWrite'] } };

const systemProperty = (side: 'source' | 'target'): INodeProperties => ({
	displayName: `${side === 'source' ? 'Source' : 'Target'} System Name`,
	name: `${side}SystemName`,
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. prestashop',
	description: 'The system name the items carry in "system" (or "order.system")',
	displayOptions: { show: { operation: ['mapStatus'], [`${side}System`]: ['other'] } },
});

const baselineName: INodeProperties = {
	displayName: 'Baseline Name',
	name: 'baselineName',
	type: 'string',
	default: 'default',
	description:
		'Which stored baseline to use. Baselines live in the workflow, so a Reset Baseline node and a Map Status node of the same workflow share one by name.',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Map Status',
				value: 'mapStatus',
				description: "Translate each item's status through the mapping table and decide whether the customer hears of it",
				action: 'Map order status',
			},
			{
				name: 'Remember Written Status',
				value: 'noteWrite',
				description:
					'After another node (HTTP Request, Microsoft SQL) wrote a status to a system: remember it, so a Both Ways mapper drops its echo',
				action: 'Remember a written status',
			},
			{
				name: 'Reset Baseline',
				value: 'resetBaseline',
				description: 'Count everything up to a date as already handled, so old orders notify nobody',
				action: 'Reset the baseline',
			},
		],
		default: 'mapStatus',
	},
	{
		...dryRunProperty('mapped items as the real run maps them, its own writes remembered by nothing'),
		displayOptions: { show: { operation: ['mapStatus', 'noteWrite'] } },
	},
	{
		displayName:
			'Place this after the node that wrote the status (not needed after Shop Order or ERP Order Status: they remember their own writes). The items pass through unchanged.',
		name: 'noteWriteNotice',
		type: 'notice',
		default: '',
		displayOptions: noteWriteOnly,
	},
	{
		displayName: 'Written To System',
		name: 'writtenSystem',
		type: 'string',
		default: '={{ $json.status.targetSystem }}',
		required: true,
		description: 'The system the status was written to, as its events name it in "system" (e.g. enova365, woocommerce)',
		displayOptions: noteWriteOnly,
	},
	{
		displayName: 'Order ID',
		name: 'writtenOrderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1001',
		description: 'The ID the write used to find the order, usually read from the item the Order Status Mapper passed to the write',
		displayOptions: noteWriteOnly,
	},
	{
		displayName: 'Order ID Is',
		name: 'writtenOrderIdKind',
		type: 'options',
		options: [
			{ name: "The Order's ID in That System", value: 'own' },
			{
				name: "The Shop's Order ID",
				value: 'shop',
				description: 'The order was found by the shop order ID it carries (Generic ERP: the Shop Order ID field)',
			},
		],
		default: 'own',
		displayOptions: noteWriteOnly,
	},
	{
		displayName: 'Status',
		name: 'writtenStatus',
		type: 'string',
		default: '={{ $json.status.to }}',
		required: true,
		description: 'The status written, as that system reports it back',
		displayOptions: noteWriteOnly,
	},
	{
		displayName: 'Source System',
		name: 'sourceSystem',
		type: 'options',
		noDataExpression: true,
		options: systemOptions,
		default: 'pohoda',
		description: 'The system whose statuses the table maps from (the left column)',
		displayOptions: mapStatusOnly,
	},
	systemProperty('source'),
	{
		displayName: 'Target System',
		name: 'targetSystem',
		type: 'options',
		noDataExpression: true,
		options: systemOptions,
		default: 'woocommerce',
		description: 'The system whose statuses the table maps to (the right column)',
		displayOptions: mapStatusOnly,
	},
	systemProperty('target'),
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{
				name: 'Source → Target (e.g. ERP → Shop)',
				value: 'sourceToTarget',
				description: 'Items come from the source system; the table is read left to right',
			},
			{
				name: 'Target → Source (e.g. Shop → ERP)',
				value: 'targetToSource',
				description: 'Items come from the target system; the table is read right to left (first matching row wins)',
			},
			{
				name: 'Both Ways',
				value: 'both',
				description:
					"Items from either side; each is mapped towards the other. A status this workflow wrote itself comes back as an event and is dropped, so the systems never bounce it back and forth.",
			},
		],
		default: 'sourceToTarget',
		displayOptions: mapStatusOnly,
	},
	{
		displayName: 'Preset',
		name: 'preset',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			...PRESETS.map((preset) => ({ name: preset.name, value: preset.id })),
		],
		default: 'none',
		description:
			"A ready-made table used under your own rows: where one of your rows has the same source status, yours wins. n8n cannot write rows into the table below, so the preset's rows stay invisible there; leave the table empty to use the preset as it is. A preset for the opposite pair of systems is read in reverse.",
		displayOptions: mapStatusOnly,
	},
	{
		displayName: 'Mapping Table',
		name: 'mappings',
		placeholder: 'Add Row',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description: 'Source status → target status. Matching is exact first, then ignoring case and surrounding spaces. The first matching row wins.',
		displayOptions: mapStatusOnly,
		options: [
			{
				name: 'rows',
				displayName: 'Row',
				// Source and target first: the order a merchant reads a mapping in.
				// eslint-disable-next-line n8n-nodes-base/node-param-fixed-collection-type-unsorted-items
				values: [
					{
						displayName: 'Source Status Name or ID',
						name: 'source',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getSourceStatuses', loadOptionsDependsOn: ['sourceSystem'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Target Status Name or ID',
						name: 'target',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getTargetStatuses', loadOptionsDependsOn: ['targetSystem'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Canonical Status',
						name: 'canonical',
						type: 'options',
						options: [{ name: 'From the Order', value: '' }, ...canonicalOptions],
						default: '',
						description: "The shared meaning of this status; 'From the Order' keeps what the connector set",
					},
					{
						displayName: 'Notify Customer',
						name: 'notify',
						type: 'boolean',
						default: false,
						description: 'Whether the customer is told of this change',
					},
					{
						displayName: 'Event Template',
						name: 'event',
						type: 'options',
						options: NOTIFY_EVENTS.map((event) => ({ name: titleCase(event), value: event })),
						default: 'order_confirmation',
						description: 'Which message Notify Customer sends when Notify Customer is on',
					},
				],
			},
		],
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.state }}',
		description:
			'The status to map. Leave empty for items from Order Sync nodes (the change event\'s new status, else the order\'s status, else the item\'s "status" field).',
		displayOptions: mapStatusOnly,
	},
	{
		displayName: 'Every Source Status Must Be Mapped',
		name: 'requireComplete',
		type: 'boolean',
		default: false,
		description:
			"Whether each run first checks the live list of source statuses against the table and stops, naming every status without a row. WooCommerce's list needs its credential.",
		displayOptions: mapStatusOnly,
	},
	{
		displayName: 'Source Statuses',
		name: 'otherStatuses',
		type: 'string',
		default: '',
		placeholder: 'e.g. new, paid, sent',
		description: 'Comma-separated statuses of the Other system, checked against the table',
		displayOptions: { show: { operation: ['mapStatus'], requireComplete: [true], sourceSystem: ['other'] } },
	},
	{
		displayName: 'Unmapped Items',
		name: 'unmapped',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Stop the Run',
				value: 'stop',
				description: 'Fail with the order and status that have no row',
			},
			{
				name: 'Send to "Unmapped" Output',
				value: 'output',
				description: 'Add a second output for items whose status has no row',
			},
			{
				name: 'Pass Through',
				value: 'passThrough',
				description: 'Keep the item on the main output, with status.to empty and no notification',
			},
		],
		default: 'stop',
		displayOptions: mapStatusOnly,
	},
	{
		...baselineName,
		displayOptions: { show: { operation: ['resetBaseline'] } },
	},
	{
		displayName: 'Handled Up To',
		name: 'baselineAt',
		type: 'dateTime',
		default: '',
		description: "Everything changed up to this moment counts as handled. Empty means now. A time without an offset is in the workflow's timezone.",
		displayOptions: { show: { operation: ['resetBaseline'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: mapStatusOnly,
		options: [
			{
				displayName: 'Baseline Date',
				name: 'baselineDate',
				type: 'dateTime',
				default: '',
				description: 'With "Only Changes After Baseline" set to A Fixed Date: changes up to this moment count as handled',
			},
			{ ...baselineName, description: `${baselineName.description} Used with "Only Changes After Baseline" set to Stored Baseline.` },
			{
				displayName: 'Derive Only From',
				name: 'deriveFrom',
				type: 'multiOptions',
				options: canonicalOptions,
				default: ['confirmed', 'processing', 'on_hold'],
				description: 'Canonical statuses the derived statuses may refine; settled ones (completed, cancelled…) stay as mapped',
			},
			{
				displayName: 'Derived Statuses',
				name: 'derived',
				type: 'multiOptions',
				options: [
					{ name: 'Shipped When Tracking Is Present', value: 'shipped' },
					{ name: 'Backordered When Any Line Is Backordered', value: 'backordered' },
					{ name: 'Ready When Every Line Is Available', value: 'ready' },
				],
				default: [],
				description:
					'Set the canonical status from the order itself (checked in this order). A table row whose source status is the derived one (e.g. "ready") overrides the target and template; without one the target stays and the same-named template is sent.',
			},
			{
				displayName: 'Notify on Order Edits',
				name: 'notifyOnEdits',
				type: 'boolean',
				default: true,
				description: 'Whether an "edited" change event (lines changed, status not) notifies with the Order Edited template',
			},
			{
				displayName: 'Notify on Shipped',
				name: 'notifyOnShipped',
				type: 'boolean',
				default: true,
				description: 'Whether a "shipped" change event (the ERP shipped the order: a tracking number, POHODA\'s Dodáno) notifies with the Shipped template; its target status is the row with Source Status "shipped", else the mapped status',
			},
			{
				displayName: 'Only Changes After Baseline',
				name: 'baseline',
				type: 'options',
				options: [
					{ name: 'Off', value: 'off' },
					{ name: 'Stored Baseline', value: 'stored', description: 'The date the Reset Baseline operation stored' },
					{ name: 'A Fixed Date', value: 'date', description: 'The Baseline Date option' },
				],
				default: 'off',
				description: 'Whether changes up to the baseline count as already handled',
			},
			{
				displayName: 'Only Orders Created Within (Days)',
				name: 'createdWithinDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Only orders created today (1) or on the previous days, in calendar days of the timezone. 0 turns it off.',
			},
			{
				displayName: 'Only Orders Not Yet Realised',
				name: 'notRealised',
				type: 'boolean',
				default: false,
				description: 'Whether orders that already have a sales document are out of scope: a POHODA invoice, or the Realised field of a generic ERP row',
			},
			{
				displayName: 'Out-of-Scope Items',
				name: 'outOfScope',
				type: 'options',
				options: [
					{ name: 'Drop', value: 'drop' },
					{ name: 'Keep Without Notification', value: 'keepSilent', description: 'Mapped as usual, with notify.enabled false' },
				],
				default: 'drop',
			},
			{
				displayName: 'Send Our Order Confirmation',
				name: 'confirmCreated',
				type: 'boolean',
				default: false,
				description: 'Whether a "created" change event notifies with our own Order Confirmation in the customer\'s language (for shops whose own confirmation is off or untranslated; WooCommerce sends its own "processing" mail unless turned off)',
			},
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Prague',
				description: "IANA timezone for the day count and dates without an offset. Empty means the workflow's timezone.",
			},
		],
	},
];
