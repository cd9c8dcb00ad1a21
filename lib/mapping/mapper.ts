import type { Ledger } from '../ledger';
import { isCanonicalStatus, type CanonicalStatus, type Order } from '../model';
import { scopeChecker, type ScopedItem, type ScopeVerdict, type ScopeFilters } from '../scope';
import { DEFAULT_DERIVE_FROM, deriveStatus, type DerivedRule } from './derive';
import { MappingTable } from './table';
import type { Direction, MappingRow, MatchedBy, NotifyEvent } from './types';

/** Which way the workflow syncs: source → target, target → source (table read in reverse), or both ways. */
export type SyncDirection = 'sourceToTarget' | 'targetToSource' | 'both';

export interface MapperConfig {
	/** The effective table (user rows, then preset rows), written source → target */
	rows: MappingRow[];
	sourceSystem: string;
	targetSystem: string;
	direction: SyncDirection;
	derivedRules?: DerivedRule[];
	/** Canonical statuses the derived rules may refine (default: confirmed, processing, on hold) */
	deriveFrom?: CanonicalStatus[];
	/** Change events of kind `edited` notify with the `order_edited` template */
	notifyOnEdits?: boolean;
	/** Change events of kind `shipped` notify with the `shipped` template (tracking number and link) */
	notifyOnShipped?: boolean;
	/** Change events of kind `created` notify with our own `order_confirmation` */
	confirmCreated?: boolean;
	scope?: ScopeFilters;
}

export interface StatusResult {
	from: string;
	to: string | null;
	canonical: CanonicalStatus | null;
	matchedBy: MatchedBy;
	sourceSystem: string;
	targetSystem: string;
}

export interface NotifyResult {
	event: NotifyEvent | null;
	enabled: boolean;
	/** Why a notification that the table asks for is not sent (out of scope) */
	skipped?: string;
}

export type MapOutcome =
	| { kind: 'mapped'; status: StatusResult; notify: NotifyResult }
	| { kind: 'unmapped'; status: StatusResult; notify: NotifyResult }
	/** This workflow wrote this status itself: the echo of its own write */
	| { kind: 'echo'; status: StatusResult }
	| { kind: 'outOfScope'; reason: string; status: StatusResult; notify: NotifyResult };

/** What the mapper reads of an item: our change events and orders, or a plain item with a status given. */
export interface MapperInput {
	json: Record<string, unknown>;
	/** The status to map when the item is not one of ours (from the node's "Status" parameter) */
	status?: string;
}

const asRecord = (value: unknown) =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * The status of an item: an explicit one, else (mapping from canonical) the order's canonical status, else a change
 * event's new status, else the order's, else `status`.
 */
export function statusOf(input: MapperInput, fromCanonical = false): string | undefined {
	if (input.status !== undefined && String(input.status).trim() !== '') return String(input.status);
	const json = input.json;
	const order = asRecord(json.order);
	if (fromCanonical && typeof order?.canonicalStatus === 'string') return order.canonicalStatus;
	const code = asRecord(json.newStatus)?.code ?? asRecord(order?.status)?.code ?? json.status;
	return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

export function orderOf(json: Record<string, unknown>): Order | undefined {
	const order = asRecord(json.order);
	return order && typeof order.id !== 'undefined' ? (order as unknown as Order) : undefined;
}

/** An item the mapper cannot read as configured; `hint` says what to change. */
export class MappingInputError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'MappingInputError';
	}
}

/**
 * The ledger's order key for a write made by the shop's order id to a system whose own id the writer did not know
 * (an ERP row found by the shop order id it carries); that system's events carry the id as `externalIds.shop`.
 */
export const writtenByShopOrderId = (shopOrderId: string) => `shop:${shopOrderId}`;

/** Maps items one by one; reads each table direction once. */
export class StatusMapper {
	private readonly forward: MappingTable;
	private readonly reverse: MappingTable;
	private readonly inScope?: (item: ScopedItem) => ScopeVerdict;

	constructor(
		private readonly config: MapperConfig,
		private readonly ledger?: Ledger,
	) {
		this.forward = new MappingTable(config.rows, 'forward');
		this.reverse = new MappingTable(config.rows, 'reverse');
		if (config.scope) this.inScope = scopeChecker(config.scope);
	}

	/** The table direction for an item from `system`. */
	directionFor(system: string | undefined): Direction {
		const { direction, sourceSystem, targetSystem } = this.config;
		if (direction === 'sourceToTarget') return 'forward';
		if (direction === 'targetToSource') return 'reverse';
		return system !== undefined && system === targetSystem && system !== sourceSystem ? 'reverse' : 'forward';
	}

	async map(input: MapperInput): Promise<MapOutcome> {
		const json = input.json;
		const order = orderOf(json);
		const system = (typeof json.system === 'string' ? json.system : undefined) ?? order?.system;
		const direction = this.directionFor(system);
		const [sourceSystem, targetSystem] =
			direction === 'forward'
				? [this.config.sourceSystem, this.config.targetSystem]
				: [this.config.targetSystem, this.config.sourceSystem];
		if (system && sourceSystem !== 'canonical' && system !== sourceSystem && system !== targetSystem) {
			throw new MappingInputError(
				`The item comes from ${system}, but this mapper maps ${this.config.sourceSystem} and ${this.config.targetSystem}`,
				'Give each system its own Order Status Mapper (e.g. behind a Switch on {{ $json.system }}), or set Source System to the system the items come from.',
			);
		}
		const from = statusOf(input, sourceSystem === 'canonical');
		const base = { from: from ?? '', sourceSystem, targetSystem };
		const silent: NotifyResult = { event: null, enabled: false };
		const edited = json.kind === 'edited';
		const shipped = json.kind === 'shipped';

		if (this.config.direction === 'both' && this.ledger && system && order?.id !== undefined && from && !edited && !shipped) {
			const shopOrderId = order.externalIds?.shop;
			const parsed = typeof json.changedAt === 'string' ? Date.parse(json.changedAt) : NaN;
			const changedAt = Number.isNaN(parsed) ? undefined : parsed;
			const echo =
				(await this.ledger.consumeWrite(system, String(order.id), from, { changedAt })) ||
				(shopOrderId !== undefined && (await this.ledger.consumeWrite(system, writtenByShopOrderId(shopOrderId), from, { changedAt })));
			// The state seen replaced our earlier writes to the order: their notes would swallow a later real change.
			if (changedAt !== undefined) {
				await this.ledger.forgetWritesBefore(system, String(order.id), changedAt);
				if (shopOrderId !== undefined) await this.ledger.forgetWritesBefore(system, writtenByShopOrderId(shopOrderId), changedAt);
			}
			if (echo) return { kind: 'echo', status: { ...base, to: null, canonical: null, matchedBy: 'none' } };
		}

		const table = direction === 'forward' ? this.forward : this.reverse;
		const match = from === undefined ? undefined : table.lookup(from);
		// A shipped event sets the target's status for "shipped" (a row with that source) where the table has one.
		const shippedRow = shipped ? table.lookup('shipped')?.row : undefined;
		let outcome: MapOutcome;
		if (shippedRow) {
			const status = { ...base, to: shippedRow.target, canonical: shippedRow.canonical ?? ('shipped' as const), matchedBy: 'derived' as const };
			outcome = { kind: 'mapped', status, notify: this.eventNotify('shipped') };
		} else if (!match) {
			outcome = { kind: 'unmapped', status: { ...base, to: null, canonical: null, matchedBy: 'none' }, notify: silent };
		} else {
			const { notify, ...resolved } = this.resolve(match.row, match.matchedBy, table, order, from as string, sourceSystem);
			const kindNotify = edited
				? this.eventNotify('edited')
				: shipped
					? this.eventNotify('shipped')
					: json.kind === 'created' && this.config.confirmCreated
						? this.eventNotify('created')
						: notify;
			outcome = { kind: 'mapped', status: { ...base, ...resolved, ...(shipped ? { canonical: 'shipped' as const } : {}) }, notify: kindNotify };
		}

		if (this.inScope) {
			const verdict = this.inScope({ order, changedAt: typeof json.changedAt === 'string' ? json.changedAt : undefined });
			if (!verdict.inScope) {
				const notify = { ...outcome.notify, enabled: false, skipped: `out of scope: ${verdict.reason}` };
				return { kind: 'outOfScope', reason: verdict.reason, status: outcome.status, notify };
			}
		}
		return outcome;
	}

	/** The mail of an event kind the options send regardless of the table: edits, shipping, our own confirmation. */
	private eventNotify(kind: 'edited' | 'shipped' | 'created'): NotifyResult {
		if (kind === 'edited') return this.config.notifyOnEdits ? { event: 'order_edited', enabled: true } : { event: null, enabled: false };
		if (kind === 'shipped') return this.config.notifyOnShipped ? { event: 'shipped', enabled: true } : { event: null, enabled: false };
		return { event: 'order_confirmation', enabled: true };
	}

	private resolve(
		row: MappingRow,
		matchedBy: 'exact' | 'tolerant',
		table: MappingTable,
		order: Order | undefined,
		from: string,
		sourceSystem: string,
	): Pick<StatusResult, 'to' | 'canonical' | 'matchedBy'> & { notify: NotifyResult } {
		const fromCanonical = sourceSystem === 'canonical' && isCanonicalStatus(from) ? from : undefined;
		const canonical = row.canonical ?? order?.canonicalStatus ?? fromCanonical ?? null;
		const notifyOf = (r: MappingRow): NotifyResult => ({ event: r.event ?? null, enabled: r.notify && !!r.event });
		const mapped = { to: row.target, canonical, matchedBy, notify: notifyOf(row) };
		const rules = this.config.derivedRules ?? [];
		if (!order || rules.length === 0 || !canonical || !(this.config.deriveFrom ?? DEFAULT_DERIVE_FROM).includes(canonical)) return mapped;
		const derived = deriveStatus(order, rules);
		if (!derived || derived === canonical) return mapped;
		// A table row for the derived status overrides the defaults (the original target, the same-named template).
		const override = table.lookup(derived)?.row;
		return {
			to: override?.target ?? row.target,
			canonical: override?.canonical ?? derived,
			matchedBy: 'derived',
			notify: override ? notifyOf(override) : { event: derived, enabled: true },
		};
	}
}

/** The output item's json: the input's, plus the mapping; nothing of the input is changed. */
export function annotate(
	json: Record<string, unknown>,
	status: StatusResult,
	notify: NotifyResult,
): Record<string, unknown> {
	return { ...json, status, notify };
}
