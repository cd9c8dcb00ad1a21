import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { detectOrderEvents, eventJson } from '../../../lib/connectors/erp';
import { FieldMappingError, rowToOrder, type GenericFieldMapping } from '../../../lib/connectors/generic-erp/mapping';
import type { Order } from '../../../lib/model';
import { emitChanges } from '../../shared/changes';
import { isDryRun } from '../../shared/dry-run';
import { openLedger } from '../../shared/ledger';
import { outputItem } from '../../shared/items';

const list = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

/** How the node reads an item's row, as set for that item. */
function fieldMapping(context: IExecuteFunctions, itemIndex: number): GenericFieldMapping {
	const fields = (context.getNodeParameter('fields.mapping', itemIndex, {}) ?? {}) as Partial<GenericFieldMapping>;
	return {
		system: String(context.getNodeParameter('system', itemIndex, 'erp')).trim() || 'erp',
		orderId: fields.orderId || 'id',
		status: fields.status || 'status',
		shopOrderId: fields.shopOrderId || undefined,
		updatedAt: fields.updatedAt || undefined,
		createdAt: fields.createdAt || undefined,
		email: fields.email || undefined,
		lines: fields.lines || undefined,
		linePricesIncludeTax: context.getNodeParameter('linePricesIncludeTax', itemIndex, true) as boolean,
		trackingNumber: fields.trackingNumber || undefined,
		carrier: fields.carrier || undefined,
		trackingUrl: fields.trackingUrl || undefined,
		realised: fields.realised || undefined,
		language: fields.language || undefined,
		country: fields.country || undefined,
		completedStatuses: list(context.getNodeParameter('completedStatuses', itemIndex, '')),
		cancelledStatuses: list(context.getNodeParameter('cancelledStatuses', itemIndex, '')),
		// ERP rows carry local times without an offset: read them in the workflow's time zone.
		timeZone: context.getTimezone(),
	};
}

/**
 * Rows of an ERP without an API (fetched by other nodes) compared with the ledger's snapshots: the same events as
 * POHODA's Get Changes. Snapshots are written only after all rows were read.
 */
export async function detectChanges(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const ledger = await openLedger(this);
	const orders: Array<{ order: Order; source: number }> = [];
	const errors: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let orderIdField = 'id';
		try {
			// Read per item inside the try: a failing expression fails only its item.
			const mapping = fieldMapping(this, itemIndex);
			orderIdField = mapping.orderId;
			orders.push({ order: rowToOrder(items[itemIndex].json, mapping), source: itemIndex });
		} catch (error) {
			const field = error instanceof FieldMappingError ? error.field : undefined;
			const orderId = items[itemIndex].json[orderIdField];
			const message = `Item ${itemIndex}${orderId !== undefined ? ` (order ${String(orderId)})` : ''}: ${(error as Error).message}`;
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), message, {
					itemIndex,
					description: field ? `Check the Field Mapping for "${field}". Nothing was marked as seen.` : undefined,
				});
			}
			errors.push(outputItem({ error: message }, itemIndex));
		}
	}
	const detection = await detectOrderEvents(ledger, orders);
	const output = detection.events.map(({ event, source }) => outputItem(eventJson(event) as IDataObject, source));
	// Dry: the events are shown, nothing is remembered, so the real run reports them again.
	if (isDryRun(this, 0)) return [...output, ...errors];
	const system = orders[0]?.order.system ?? String(this.getNodeParameter('system', 0, 'erp'));
	const emitted = await emitChanges(this, `generic|${system}`, output);
	await detection.commit();
	return [...emitted, ...errors];
}
