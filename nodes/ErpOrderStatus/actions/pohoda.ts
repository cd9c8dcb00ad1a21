import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { detectOrderEvents, eventJson, type ErpOrderReference } from '../../../lib/connectors/erp';
import { pohodaMinus, pohodaNow, toPohodaLocal } from '../../../lib/connectors/pohoda';
import type { Order } from '../../../lib/model';
import { DryRunWrite } from '../../../lib/transport';
import { emitChanges } from '../../shared/changes';
import { dryWriteOutcome, isDryRun, orDryRunWrite } from '../../shared/dry-run';
import { openLedger } from '../../shared/ledger';
import { outputItem } from '../../shared/items';
import { pohodaConnector } from './shared';

interface ChangeOptions {
	includeRaw?: boolean;
	overlapMinutes?: number;
	pageSize?: number;
	timeZone?: string;
}

/**
 * Received orders changed since the watermark, as change events. The watermark and the snapshots are written only
 * once the events are ready to be emitted, and the watermark stays put while any order could not be read.
 */
/** The exSystemName the shop's order ids were imported under: POHODA exports them for this system only. */
function externalSystemAt(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.getNodeParameter('externalSystem', itemIndex, 'eshop') ?? '').trim() || 'eshop';
}

export async function getChanges(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const { connector, url, ico } = await pohodaConnector(this, { externalSystem: externalSystemAt(this, 0) });
	const ledger = await openLedger(this);
	const options = this.getNodeParameter('changeOptions', 0, {}) as ChangeOptions;
	const timeZone = options.timeZone || this.getTimezone();
	try {
		pohodaNow(timeZone);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Fix POHODA Time Zone in the options, or leave it empty.' });
	}
	const source = `pohoda|${url.replace(/\/+$/, '')}|${ico}|receivedOrder`;
	const baselineKey = `${source}|baseline`;

	const dryRun = isDryRun(this, 0);
	let watermark = await ledger.watermark(source);
	let baseline = await ledger.watermark(baselineKey);
	if (!watermark) {
		if (this.getNodeParameter('startFrom', 0) === 'now') {
			if (dryRun) return [];
			const now = pohodaNow(timeZone);
			await ledger.setWatermark(baselineKey, now);
			await ledger.setWatermark(source, now);
			return [];
		}
		const startDate = String(this.getNodeParameter('startDate', 0, '') ?? '');
		try {
			watermark = toPohodaLocal(startDate, timeZone);
		} catch {
			throw new NodeOperationError(this.getNode(), `Start Date "${startDate}" is not a date`, {
				description: 'Pick a date in Start Date, or set Start From to Now.',
			});
		}
		baseline = watermark;
	}

	const pollStartedAt = pohodaNow(timeZone);
	const since = pohodaMinus(watermark, options.overlapMinutes ?? 5);
	const collected: Array<{ order: Order; source: number }> = [];
	const failures: Array<{ id?: string; error: Error }> = [];
	let serverTime: string | undefined;
	for await (const page of connector.changedOrders(since, { pageSize: options.pageSize ?? 1000, includeRaw: options.includeRaw ?? false })) {
		serverTime ??= page.serverTime;
		for (const order of page.orders) collected.push({ order, source: 0 });
		failures.push(...page.failures);
	}

	const detection = await detectOrderEvents(ledger, collected, { baselineAt: baseline });
	const output = detection.events.map(({ event }) => outputItem(eventJson(event) as IDataObject, 0));
	if (failures.length) {
		const summary = failures.map((f) => `order ${f.id ?? '?'}: ${f.error.message}`).join('; ');
		if (!this.continueOnFail()) {
			throw new NodeOperationError(this.getNode(), `POHODA returned ${failures.length} order(s) that could not be read: ${summary}`, {
				description: 'Nothing was marked as seen, so the next run reports these changes again once the orders are fixed in POHODA.',
			});
		}
		for (const failure of failures) output.push(outputItem({ error: failure.error.message, orderId: failure.id ?? null }, 0));
	}
	// Dry: the events are shown, nothing is remembered, so the real run reports them again.
	if (dryRun) return output;
	const emitted = await emitChanges(this, source, output);
	await detection.commit();
	if (baseline) await ledger.setWatermark(baselineKey, baseline);
	// An order that could not be read keeps the watermark where it was, so it is read again next time.
	if (!failures.length) await ledger.setWatermark(source, serverTime ?? pollStartedAt);
	return emitted;
}

/** A dry run's verdict when POHODA already has what the write would make: nothing would be sent. */
const ALREADY_DONE = { wouldWrite: [], complete: true, ledger: 'already_done' };

function importOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return context.getNodeParameter('importOptions', itemIndex, {}) as IDataObject;
}

export async function getOrder(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const externalSystem = externalSystemAt(this, itemIndex);
	const { connector } = await pohodaConnector(this, { externalSystem });
	const by = this.getNodeParameter('lookupBy', itemIndex) as ErpOrderReference['by'];
	const value = String(this.getNodeParameter('lookupValue', itemIndex) ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), 'Value is empty', { itemIndex, description: 'Give the POHODA ID, order number or shop order ID to look for.' });
	}
	const order = await connector.getOrder({ by, value, externalSystem });
	if (!order) {
		throw new NodeOperationError(this.getNode(), `POHODA has no received order with ${by === 'id' ? 'ID' : by === 'number' ? 'number' : 'shop order ID'} "${value}"`, {
			itemIndex,
			description: by === 'extId' ? `Orders are found by the shop ID kept under the external system name "${externalSystem}".` : undefined,
		});
	}
	return [outputItem({ order } as unknown as IDataObject, itemIndex)];
}

function readOrder(context: IExecuteFunctions, itemIndex: number): Order {
	const value = context.getNodeParameter('order', itemIndex);
	let order: unknown = value;
	if (typeof value === 'string') {
		try {
			order = JSON.parse(value);
		} catch {
			order = undefined;
		}
	}
	const candidate = order as Partial<Order> | undefined;
	if (!candidate || typeof candidate !== 'object' || !Array.isArray(candidate.lines) || !candidate.customer) {
		throw new NodeOperationError(context.getNode(), 'The Order parameter is not an order', {
			itemIndex,
			description: 'Map it to an order of this package’s model, e.g. {{ $json.order }} from the Shop Trigger (it needs customer and lines).',
		});
	}
	return candidate as Order;
}

export async function importOrder(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const dryRun = isDryRun(this, itemIndex);
	const { connector } = await pohodaConnector(this, { import: importOptions(this, itemIndex), dryRun });
	const order = readOrder(this, itemIndex);
	const shopOrderId = String(this.getNodeParameter('shopOrderId', itemIndex) ?? '').trim();
	if (!shopOrderId) {
		throw new NodeOperationError(this.getNode(), 'Shop Order ID is empty', { itemIndex, description: 'Map Shop Order ID to the order’s ID in the shop.' });
	}
	const attempt = await orDryRunWrite(connector.importOrder(order, shopOrderId));
	if (attempt instanceof DryRunWrite) return [outputItem({ order, dryRun: dryWriteOutcome(attempt) } as unknown as IDataObject, itemIndex)];
	const result = attempt;
	const imported = { ...order, externalIds: { ...order.externalIds, pohoda: result.id } };
	const dry = dryRun ? { dryRun: ALREADY_DONE } : {};
	return [outputItem({ order: imported, pohoda: { ...result }, ...dry } as unknown as IDataObject, itemIndex)];
}

/** The POHODA ID of the received order acted on; an order of another system has one only once imported. */
function pohodaOrderId(context: IExecuteFunctions, itemIndex: number): string {
	const orderId = String(context.getNodeParameter('orderId', itemIndex) ?? '').trim();
	if (!orderId) {
		const order = context.getInputData()[itemIndex]?.json.order as Partial<Order> | undefined;
		const from = order?.system && order.system !== 'pohoda' ? ` (the incoming order ${order.id ?? ''} is from ${order.system} and has no externalIds.pohoda)` : '';
		throw new NodeOperationError(context.getNode(), `POHODA Order ID is empty${from}`, {
			itemIndex,
			description: 'Map POHODA Order ID to the received order’s ID in POHODA; a shop order gets one when Import Order adds it to POHODA.',
		});
	}
	return orderId;
}

export async function createInvoice(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const dryRun = isDryRun(this, itemIndex);
	const { connector } = await pohodaConnector(this, { externalSystem: externalSystemAt(this, itemIndex), dryRun });
	const orderId = pohodaOrderId(this, itemIndex);
	const text = String(this.getNodeParameter('invoiceText', itemIndex, '') ?? '') || undefined;
	const attempt = await orDryRunWrite(connector.client.createInvoiceFromOrder(orderId, text));
	if (attempt instanceof DryRunWrite || dryRun) {
		const order = await connector.getOrder({ by: 'id', value: orderId });
		const dry = attempt instanceof DryRunWrite ? { dryRun: dryWriteOutcome(attempt) } : { invoice: { ...attempt }, dryRun: ALREADY_DONE };
		return [outputItem({ order, ...dry } as unknown as IDataObject, itemIndex)];
	}
	if (attempt.created) {
		const ledger = await openLedger(this);
		await ledger.noteWrite('pohoda', orderId, 'executed');
	}
	const order = await connector.getOrder({ by: 'id', value: orderId });
	return [outputItem({ order, invoice: { ...attempt } } as unknown as IDataObject, itemIndex)];
}

export async function getDocumentPdf(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const reportId = Number(this.getNodeParameter('reportId', itemIndex));
	const { connector } = await pohodaConnector(this, { invoiceReportId: reportId, externalSystem: externalSystemAt(this, itemIndex) });
	const orderId = pohodaOrderId(this, itemIndex);
	const invoiceId = String(this.getNodeParameter('invoiceId', itemIndex, '') ?? '').trim() || undefined;
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const pdf = await connector.documentPdf(orderId, invoiceId);
	const binary = await this.helpers.prepareBinaryData(pdf.data, pdf.fileName, 'application/pdf');
	const input = this.getInputData()[itemIndex]?.json ?? {};
	const order = pdf.order ?? input.order ?? { system: 'pohoda', id: orderId };
	return [outputItem({ order, invoiceId: pdf.invoiceId, fileName: pdf.fileName } as IDataObject, itemIndex, { [property]: binary })];
}
