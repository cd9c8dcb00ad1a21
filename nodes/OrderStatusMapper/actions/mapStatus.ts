import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import {
	MappingInputError,
	StatusMapper,
	annotate,
	describeUnmapped,
	findPreset,
	mergeRows,
	orderOf,
	reverseRow,
	systemLabel,
	unmappedStatuses,
	type DerivedRule,
	type MapperConfig,
	type MapperSystem,
	type MappingRow,
	type NotifyResult,
	type StatusOption,
	type StatusResult,
	type SyncDirection,
} from '../../../lib/mapping';
import { isCanonicalStatus, type CanonicalStatus } from '../../../lib/model';
import { readBaseline, type ScopeFilters } from '../../../lib/scope';
import { toNodeError } from '../../shared/errors';
import { outputItem } from '../../shared/items';
import { isDryRun } from '../../shared/dry-run';
import { openLedger } from '../../shared/ledger';
import { statusListOf } from '../methods/statusLists';

type UnmappedMode = 'stop' | 'output' | 'passThrough';

interface RowParameter {
	source?: string;
	target?: string;
	canonical?: string;
	notify?: boolean;
	event?: string;
}

function userRows(context: IExecuteFunctions): MappingRow[] {
	const rows = context.getNodeParameter('mappings.rows', 0, []) as RowParameter[];
	return rows.map((row, index) => {
		const canonical = row.canonical?.trim();
		if (canonical && !isCanonicalStatus(canonical)) {
			throw new NodeOperationError(context.getNode(), `Row ${index + 1} of the mapping table has an unknown canonical status "${canonical}"`, {
				description: 'Pick one from the Canonical Status list, or leave it at From the Order.',
			});
		}
		return {
			source: String(row.source ?? ''),
			target: String(row.target ?? ''),
			canonical: canonical ? (canonical as CanonicalStatus) : undefined,
			notify: row.notify === true,
			event: row.event as MappingRow['event'],
		};
	});
}

/** The preset's rows in the node's orientation: as written, or reversed for the opposite pair of systems. */
function presetRows(context: IExecuteFunctions, source: MapperSystem, target: MapperSystem): MappingRow[] {
	const id = context.getNodeParameter('preset', 0, 'none') as string;
	if (id === 'none') return [];
	const preset = findPreset(id);
	if (!preset) {
		throw new NodeOperationError(context.getNode(), `Unknown preset "${id}"`, { description: 'Choose a preset from the list.' });
	}
	if (preset.from === source && preset.to === target) return preset.rows;
	if (preset.from === target && preset.to === source) return preset.rows.map(reverseRow);
	throw new NodeOperationError(
		context.getNode(),
		`The preset "${preset.name}" is for ${systemLabel(preset.from)} and ${systemLabel(preset.to)}, but this node maps ${systemLabel(source)} → ${systemLabel(target)}`,
		{ description: 'Set Source System and Target System to the preset\'s systems, or choose another preset.' },
	);
}

function systemName(context: IExecuteFunctions, side: 'source' | 'target', kind: MapperSystem): string {
	if (kind !== 'other') return kind;
	const name = (context.getNodeParameter(`${side}SystemName`, 0, '') as string).trim();
	if (!name) {
		throw new NodeOperationError(context.getNode(), `${side === 'source' ? 'Source' : 'Target'} System Name is empty`, {
			description: 'Type the system name the items carry in "system", e.g. prestashop.',
		});
	}
	return name;
}

/** Stops the run naming every status of the live list(s) that no row maps. */
async function assertComplete(
	context: IExecuteFunctions,
	rows: MappingRow[],
	kinds: { source: MapperSystem; target: MapperSystem },
	direction: SyncDirection,
): Promise<void> {
	const sides: Array<{ kind: MapperSystem; rows: MappingRow[] }> = [];
	if (direction !== 'targetToSource') sides.push({ kind: kinds.source, rows });
	if (direction !== 'sourceToTarget') sides.push({ kind: kinds.target, rows: rows.map(reverseRow) });
	for (const side of sides) {
		let statuses: StatusOption[] | undefined;
		if (side.kind === 'other') {
			if (side.kind !== kinds.source) continue;
			const typed = (context.getNodeParameter('otherStatuses', 0, '') as string).split(',').map((s) => s.trim());
			statuses = typed.filter(Boolean).map((code) => ({ code, label: code }));
			if (statuses.length === 0) {
				throw new NodeOperationError(context.getNode(), 'Every Source Status Must Be Mapped is on, but Source Statuses is empty', {
					description: 'List the statuses of the source system in Source Statuses, separated by commas.',
				});
			}
		} else {
			try {
				statuses = await statusListOf(context, side.kind, true);
			} catch (error) {
				throw new NodeOperationError(context.getNode(), `Could not load the ${systemLabel(side.kind)} status list to check the mapping is complete: ${(error as Error).message}`, {
					description: `Select a ${systemLabel(side.kind)} credential on this node (it is only used to read the status list), or turn off "Every Source Status Must Be Mapped".`,
				});
			}
		}
		const missing = unmappedStatuses(side.rows, statuses ?? []);
		if (missing.length > 0) {
			const { message, description } = describeUnmapped(systemLabel(side.kind), missing);
			throw new NodeOperationError(context.getNode(), message, { description });
		}
	}
}

async function scopeFilters(
	context: IExecuteFunctions,
	options: IDataObject,
	ledger: Awaited<ReturnType<typeof openLedger>>,
): Promise<ScopeFilters | undefined> {
	const timezone = (options.timezone as string | undefined)?.trim() || context.getTimezone();
	const filters: ScopeFilters = { timezone };
	if (options.notRealised === true) filters.notRealised = true;
	if (Number(options.createdWithinDays) > 0) filters.createdWithinDays = Number(options.createdWithinDays);
	if (options.baseline === 'date') {
		if (!options.baselineDate) {
			throw new NodeOperationError(context.getNode(), 'Only Changes After Baseline is set to A Fixed Date, but Baseline Date is empty', {
				description: 'Add the Baseline Date option.',
			});
		}
		filters.changedAfter = String(options.baselineDate);
	} else if (options.baseline === 'stored') {
		const name = (options.baselineName as string | undefined) ?? 'default';
		const stored = await readBaseline(ledger, name);
		if (!stored) {
			throw new NodeOperationError(context.getNode(), `No baseline named "${name}" is stored in this workflow yet`, {
				description:
					'Run an Order Status Mapper with the operation Reset Baseline once (a manual run will do), or set Only Changes After Baseline to A Fixed Date.',
			});
		}
		filters.changedAfter = stored;
	}
	return Object.keys(filters).length > 1 ? filters : undefined;
}

export async function mapStatus(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const kinds = {
		source: this.getNodeParameter('sourceSystem', 0) as MapperSystem,
		target: this.getNodeParameter('targetSystem', 0) as MapperSystem,
	};
	const direction = this.getNodeParameter('direction', 0) as SyncDirection;
	const unmappedMode = this.getNodeParameter('unmapped', 0) as UnmappedMode;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const mapped: INodeExecutionData[] = [];
	const unmapped: INodeExecutionData[] = [];
	const outputs = () => (unmappedMode === 'output' ? [mapped, unmapped] : [mapped]);

	let mapper: StatusMapper;
	let dryRun = false;
	try {
		const rows = mergeRows(userRows(this), presetRows(this, kinds.source, kinds.target));
		// Dry: echo notes are read, not consumed, so the real run still recognises the echo.
		dryRun = isDryRun(this, 0);
		const ledger = await openLedger(this, { dryRun });
		const config: MapperConfig = {
			rows,
			sourceSystem: systemName(this, 'source', kinds.source),
			targetSystem: systemName(this, 'target', kinds.target),
			direction,
			derivedRules: (options.derived as DerivedRule[] | undefined) ?? [],
			notifyOnEdits: options.notifyOnEdits !== false,
			notifyOnShipped: options.notifyOnShipped !== false,
			confirmCreated: options.confirmCreated === true,
			scope: await scopeFilters(this, options, ledger),
		};
		if (Array.isArray(options.deriveFrom)) config.deriveFrom = options.deriveFrom as CanonicalStatus[];
		if (this.getNodeParameter('requireComplete', 0, false) === true) await assertComplete(this, rows, kinds, direction);
		mapper = new StatusMapper(config, ledger);
	} catch (error) {
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
		mapped.push(...items.map((_, itemIndex) => outputItem({ error: (error as Error).message }, itemIndex)));
		return outputs();
	}

	const keepOutOfScope = options.outOfScope === 'keepSilent';
	const dropped: string[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const json = items[itemIndex].json;
		const annotated = (outcome: { status: StatusResult; notify: NotifyResult }) =>
			outputItem(annotate(json, outcome.status, outcome.notify) as IDataObject, itemIndex);
		const orderId = orderOf(json)?.id;
		try {
			const status = this.getNodeParameter('status', itemIndex, '') as string;
			const outcome = await mapper.map({ json, status });
			if (outcome.kind === 'echo') {
				dropped.push(`item ${itemIndex}${orderId === undefined ? '' : ` (order ${orderId})`}: the echo of our own write`);
				continue;
			}
			if (outcome.kind === 'outOfScope') {
				if (keepOutOfScope) mapped.push(annotated(outcome));
				else dropped.push(`item ${itemIndex}${orderId === undefined ? '' : ` (order ${orderId})`}: out of scope`);
				continue;
			}
			if (outcome.kind === 'mapped') {
				mapped.push(annotated(outcome));
				continue;
			}
			if (unmappedMode === 'stop') {
				const of = orderId === undefined ? '' : ` of order ${orderId}`;
				const shown = outcome.status.from === '' ? `The item${of} has no status` : `Status "${outcome.status.from}"${of}`;
				throw new NodeOperationError(this.getNode(), `${shown} from ${outcome.status.sourceSystem} has no row in the mapping table`, {
					itemIndex,
					description: outcome.status.from
						? `Add a row with Source Status "${outcome.status.from}" to the Mapping Table, or set Unmapped Items to send such items to the "Unmapped" output or pass them through.`
						: 'Set the Status parameter to the field holding the status, e.g. {{ $json.state }}.',
				});
			}
			(unmappedMode === 'output' ? unmapped : mapped).push(annotated(outcome));
		} catch (error) {
			const nodeError =
				error instanceof MappingInputError
					? new NodeOperationError(this.getNode(), error.message, { itemIndex, description: error.hint })
					: toNodeError(this.getNode(), error, { itemIndex });
			if (!this.continueOnFail()) throw nodeError;
			mapped.push(outputItem({ error: nodeError.message }, itemIndex));
		}
	}
	if (dryRun && dropped.length) reportDropped(this, dropped);
	return outputs();
}

/** A dry run shows what the real run would drop, which no output item carries: in the output pane and the log. */
function reportDropped(fn: IExecuteFunctions, dropped: string[]) {
	const message = `Dry run: the real run drops ${dropped.length} item(s): ${dropped.join('; ')}`;
	fn.logger.info(message);
	fn.addExecutionHints({ message, type: 'info', location: 'outputPane' });
}
