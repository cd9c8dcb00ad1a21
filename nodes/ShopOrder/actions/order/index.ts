import type { INodeProperties } from 'n8n-workflow';
import { dryRunProperty } from '../../../shared/dry-run';
import type { OrderOperation } from '../types';
import * as addNote from './addNote.operation';
import * as deriveFulfilment from './deriveFulfilment.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as resendConfirmation from './resendConfirmation.operation';
import * as setTracking from './setTracking.operation';
import * as splitOrder from './splitOrder.operation';
import * as updateLines from './updateLines.operation';
import * as updateStatus from './updateStatus.operation';
import * as uploadInvoice from './uploadInvoice.operation';

/** Every operation on orders, in the order of the Operation list. A new operation is one file and one entry here. */
export const operations: Record<string, OrderOperation> = {
	addNote,
	deriveFulfilment,
	get,
	getMany,
	resendConfirmation,
	setTracking,
	splitOrder,
	updateLines,
	updateStatus,
	uploadInvoice,
};

const list = Object.values(operations);

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: list.map((operation) => operation.option),
		default: 'updateStatus',
	},
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
			show: { resource: ['order'], operation: list.filter((operation) => operation.takesOrderId).map((operation) => String(operation.option.value)) },
		},
	},
	...list.flatMap((operation) => operation.description),
	{
		...dryRunProperty('the request the shop would get'),
		displayOptions: { show: { resource: ['order'], operation: list.filter((operation) => operation.writes).map((operation) => String(operation.option.value)) } },
	},
];
