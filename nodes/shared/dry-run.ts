import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DryRunWrite } from '../../lib/transport';
import { itemParameter } from './parameters';

/** The Dry Run switch of every node that writes or moves sync state; per item, so one Settings node can set it. */
export const dryRunProperty = (writes: string): INodeProperties => ({
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description: `Whether to only show what this node would do: ${writes}. Reads still happen; nothing is written or mailed and the sync state does not move, so the real run afterwards does everything. Set it for a whole workflow with one Settings node and an expression reading its dryRun field.`,
});

/** Per item; read once per run when its expression reads no item (the templates' `$('Settings')…dryRun`). */
export const isDryRun = (context: IExecuteFunctions, itemIndex: number): boolean => itemParameter(context, 'dryRun', itemIndex, false) === true;

/** What the ledger would have said to a write: go ahead, or why not. */
export type DryLedger = 'would_do' | 'already_done' | 'in_progress' | 'echo' | 'out_of_scope';

/** The `dryRun` field of an item whose write was stopped: the request the vendor would have got. */
export function dryWriteOutcome(error: DryRunWrite, ledger: DryLedger = 'would_do', more = false): IDataObject {
	return { wouldWrite: [error.write as unknown as IDataObject], complete: !more, ledger };
}

/** A dry item whose write turned out unnecessary: the shop or the ledger already has it. */
export const NOTHING_TO_WRITE: IDataObject = { wouldWrite: [], complete: true, ledger: 'already_done' };

/** A write's result, or the DryRunWrite it stopped at in a dry run. */
export const orDryRunWrite = <T>(write: Promise<T>): Promise<T | DryRunWrite> =>
	write.catch((error: unknown) => {
		if (error instanceof DryRunWrite) return error;
		throw error;
	});
