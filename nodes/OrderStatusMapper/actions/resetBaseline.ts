import { DateTime } from 'luxon';
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { parseInstant, resetBaseline as storeBaseline } from '../../../lib/scope';
import { toNodeError } from '../../shared/errors';
import { outputItem } from '../../shared/items';
import { openLedger } from '../../shared/ledger';

/** Stores "everything up to this moment is handled" in the workflow; one item out, whatever came in. */
export async function resetBaseline(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		const name = ((this.getNodeParameter('baselineName', 0, 'default') as string) || 'default').trim();
		const at = String(this.getNodeParameter('baselineAt', 0, '') ?? '').trim();
		const instant = at ? parseInstant(at, this.getTimezone()) : DateTime.now();
		if (!instant) {
			throw new NodeOperationError(this.getNode(), `Handled Up To "${at}" is not a date`, {
				description: 'Pick a date, or leave it empty for now.',
			});
		}
		const baseline = instant.toUTC().toISO() as string;
		const previousBaseline = await storeBaseline(await openLedger(this), name, baseline);
		return [[outputItem({ baselineName: name, baseline, previousBaseline: previousBaseline ?? null }, 0)]];
	} catch (error) {
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
		return [[outputItem({ error: (error as Error).message }, 0)]];
	}
}
