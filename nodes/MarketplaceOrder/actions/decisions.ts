import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { allPositions } from '../../../lib/connectors/marketplace';
import type { Ledger } from '../../../lib/ledger';
import type { Order } from '../../../lib/model';
import {
	decideByStock,
	decisionFor,
	decisionsFrom,
	orderWith,
	selectPositions,
	sendDecisionStatuses,
	type OrderDecision,
	type SentStatus,
	type StatusMapping,
} from '../../../lib/rules';
import { isDryRun } from '../../shared/dry-run';
import { openLedger } from '../../shared/ledger';
import { DELETED } from './getNewOrders';
import type { RejectReason } from '../../../lib/connectors/marketplace';
import { asCustomerOrder, once, orderIdAt, perItem, readField, ReasonChooser, type Marketplace } from './shared';

/** Ledger action of a posting's accept/reject decision told to the marketplace. */
const DECISION = 'decision';

const hasRejected = (decision: OrderDecision) => decision.positions.some((p) => p.decision === 'rejected');

async function noteSent(ledger: Ledger, system: string, orderId: string, sent: SentStatus[]) {
	for (const step of sent) if (step.whole) await ledger.noteWrite(system, orderId, step.status);
}

interface Emitted {
	decision: OrderDecision;
	sent?: SentStatus[];
	alreadyProcessed?: boolean;
}

/** Accepted positions as a customer order on output 0, rejected ones on output 1 (or 0 when the node has one). */
function emitDecision(
	emit: (output: number, json: IDataObject) => void,
	order: Order,
	item: INodeExecutionData,
	customerIdField: string,
	{ decision, sent, alreadyProcessed }: Emitted,
	rejectedOutput: number,
) {
	const extra: IDataObject = { decision: decision as never, system: order.system };
	if (sent) extra.sent = sent as never;
	if (alreadyProcessed) extra.alreadyProcessed = true;
	const accepted = orderWith(order, decision, 'accepted');
	if (accepted.lines.length > 0) {
		const customer = asCustomerOrder(accepted, item.json, customerIdField);
		emit(0, { order: customer.order as never, customerMatched: customer.customerMatched, ...extra });
	}
	const rejected = orderWith(order, decision, 'rejected');
	if (rejected.lines.length > 0) emit(rejectedOutput, { order: rejected as never, ...extra });
}

function defaults(marketplace: Marketplace): StatusMapping {
	const statuses = marketplace.connector.statuses();
	return { accepted: statuses.accepted, rejected: statuses.rejected };
}

interface Telling {
	ledger: Ledger;
	marketplace: Marketplace;
	orderId: string;
	order: Order;
	action: string;
	decision: OrderDecision;
	mapping: StatusMapping;
	reason?: RejectReason;
}

/** Sends a decision's statuses once per (order, action), noting each whole-order status for echo suppression. */
function tellOnce({ ledger, marketplace: { connector, system }, orderId, order, action, decision, mapping, reason }: Telling) {
	return once(ledger, system, orderId, action, async (): Promise<Emitted> => {
		const sent = await sendDecisionStatuses(connector, order, decision.positions, mapping, reason);
		await noteSent(ledger, system, orderId, sent);
		return { decision, sent };
	});
}

/** This run's decision, or the one an earlier run told, marked as already processed. */
async function tellOrRecall(telling: Telling): Promise<Emitted> {
	const told = await tellOnce(telling);
	return told.done ? told.result : { ...((told.detail as unknown as Emitted) ?? { decision: telling.decision }), alreadyProcessed: true };
}

export async function processAutomatically(this: IExecuteFunctions, marketplace: Marketplace): Promise<INodeExecutionData[][]> {
	const { connector, system } = marketplace;
	const ledger = await openLedger(this, { dryRun: isDryRun(this, 0) });
	const reasons = new ReasonChooser(this, connector);
	return perItem(this, 2, async (itemIndex, item, emit) => {
		const orderId = orderIdAt(this, itemIndex);
		const field = String(this.getNodeParameter('offerField', itemIndex, '')).trim();
		const allowPartial = this.getNodeParameter('allowPartial', itemIndex, true) as boolean;
		const tell = this.getNodeParameter('tellMarketplace', itemIndex, true) as boolean;
		const customerIdField = String(this.getNodeParameter('customerIdField', itemIndex, '') ?? '').trim();
		const offer = field ? readField(item.json, field) : undefined;
		if (offer === undefined) {
			throw new NodeOperationError(this.getNode(), `Order ${orderId}: the item has no field "${field}" with the offer`, {
				itemIndex,
				description: 'Put a lookup (e.g. the price list) before this node that sets this field, or set "Offer Field" to the field that holds the stock.',
			});
		}
		const order = await connector.getOrder(orderId);
		const earlier = await ledger.detail<Emitted>(system, orderId, DECISION);
		if (earlier) return emitDecision(emit, order, item, customerIdField, { ...earlier, alreadyProcessed: true }, 1);
		if (!connector.awaitsDecision(order)) {
			throw new NodeOperationError(this.getNode(), `Order ${orderId} is "${order.status.code}" on ${connector.displayName} and no longer waits for a decision`, {
				itemIndex,
			});
		}
		let decision: OrderDecision;
		try {
			decision = decideByStock(order, offer, { allowPartial });
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Order ${orderId}: field "${field}": ${(error as Error).message}`, {
				itemIndex,
				description: 'Make the lookup before this node put the stock per article in this field, or point "Offer Field" at the field that has it.',
			});
		}
		if (!tell) return emitDecision(emit, order, item, customerIdField, { decision }, 1);
		const reason = hasRejected(decision) ? await reasons.required(itemIndex, orderId) : undefined;
		const told = await tellOnce({ ledger, marketplace, orderId, order, action: DECISION, decision, mapping: defaults(marketplace), reason });
		if (told.done) return emitDecision(emit, order, item, customerIdField, told.result, 1);
		this.logger.info(`Marketplace Order: order ${orderId} is being decided by another run; skipped`);
	});
}

export async function acceptPositions(this: IExecuteFunctions, marketplace: Marketplace): Promise<INodeExecutionData[][]> {
	const { connector } = marketplace;
	const ledger = await openLedger(this, { dryRun: isDryRun(this, 0) });
	const reasons = new ReasonChooser(this, connector);
	return perItem(this, 1, async (itemIndex, item, emit) => {
		const orderId = orderIdAt(this, itemIndex);
		const customerIdField = String(this.getNodeParameter('customerIdField', itemIndex, '') ?? '').trim();
		const order = await connector.getOrder(orderId);
		const selected = this.getNodeParameter('positionsMode', itemIndex) === 'selected';
		const chosen = selected ? selectPositions(order, this.getNodeParameter('positionIds', itemIndex) as string) : allPositions(order);
		const rejectOthers = selected && (this.getNodeParameter('rejectOthers', itemIndex, false) as boolean);
		const decision = decisionFor(order, chosen, 'accepted', rejectOthers ? 'rejected' : undefined);
		const reason = hasRejected(decision) ? await reasons.required(itemIndex, orderId) : undefined;
		const emitted = await tellOrRecall({ ledger, marketplace, orderId, order, action: 'accept', decision, mapping: defaults(marketplace), reason });
		emitDecision(emit, order, item, customerIdField, emitted, 0);
	});
}

export async function rejectPositions(this: IExecuteFunctions, marketplace: Marketplace): Promise<INodeExecutionData[][]> {
	const { connector, system } = marketplace;
	const ledger = await openLedger(this, { dryRun: isDryRun(this, 0) });
	const reasons = new ReasonChooser(this, connector);
	return perItem(this, 1, async (itemIndex, item, emit) => {
		const orderId = orderIdAt(this, itemIndex);
		if (this.getNodeParameter('rejectMode', itemIndex) === 'delete') {
			await ledger.complete(system, orderId, DELETED, { at: new Date().toISOString() });
			const given = item.json.order as IDataObject | undefined;
			const order = given && String(given.id) === orderId ? given : { system, id: orderId, externalIds: { [system]: orderId }, lines: [] };
			emit(0, { order, deleted: true, system });
			return;
		}
		const order = await connector.getOrder(orderId);
		const selected = this.getNodeParameter('positionsMode', itemIndex) === 'selected';
		const chosen = selected ? selectPositions(order, this.getNodeParameter('positionIds', itemIndex) as string) : allPositions(order);
		const reason = await reasons.required(itemIndex, orderId);
		const decision = decisionFor(order, chosen, 'rejected');
		const action = `reject:${chosen.map((p) => `${p.positionId}x${p.quantity}`).sort().join(',')}`;
		const emitted = await tellOrRecall({ ledger, marketplace, orderId, order, action, decision, mapping: defaults(marketplace), reason });
		emitDecision(emit, order, item, '', emitted, 0);
	});
}

function parseDecisions(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

export async function sendStatus(this: IExecuteFunctions, marketplace: Marketplace): Promise<INodeExecutionData[][]> {
	const { connector, system } = marketplace;
	const ledger = await openLedger(this, { dryRun: isDryRun(this, 0) });
	const reasons = new ReasonChooser(this, connector);
	const known = new Set(connector.statuses().options.map((o) => o.value));
	return perItem(this, 1, async (itemIndex, _item, emit) => {
		const orderId = orderIdAt(this, itemIndex);
		const mapping = defaults(marketplace);
		const rows = (this.getNodeParameter('statusMapping.mappings', itemIndex, []) ?? []) as Array<{ decision: 'accepted' | 'rejected'; status: string }>;
		for (const row of rows) {
			if (!known.has(row.status)) {
				throw new NodeOperationError(this.getNode(), `Order ${orderId}: status "${row.status}" is not one ${connector.displayName} accepts`, {
					itemIndex,
					description: `Choose one of: ${[...known].join(', ')}`,
				});
			}
			mapping[row.decision] = row.status;
		}
		const order = await connector.getOrder(orderId);
		let decision: OrderDecision;
		try {
			decision = decisionsFrom(order, parseDecisions(this.getNodeParameter('decisions', itemIndex)));
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Decisions: ${(error as Error).message}`, {
				itemIndex,
				description: 'Map "Decisions" to the decision.positions of a Process Automatically item, or give {"<position>": "accepted" or "rejected"}.',
			});
		}
		const needsReason = decision.positions.some((p) => mapping[p.decision] === connector.statuses().rejected);
		const reason = needsReason ? await reasons.required(itemIndex, orderId) : await reasons.reason(itemIndex);
		const result = await tellOrRecall({ ledger, marketplace, orderId, order, action: DECISION, decision, mapping, reason });
		emit(0, { order: (await connector.getOrder(orderId)) as never, ...(result as unknown as IDataObject), system });
	});
}
