/**
 * Answers a real mServer never gives (a DOCTYPE with entities, the wrong encoding, a login page), through the ERP
 * Order Status node over the simulator: a clear NodeApiError, nothing expanded or fetched, nothing lost.
 */
import { NodeApiError, type IDataObject } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { execute } from '../../helpers/n8n-context';
import { INJECTED, startPohodaSimulator, type PohodaSimulator, type SimFailure } from '../../simulators/pohoda';
import { credentialsFor } from './support';

let sim: PohodaSimulator;
beforeEach(async () => {
	sim = await startPohodaSimulator();
});
afterEach(() => sim.close());

async function getChanges(staticData: Record<string, IDataObject>, continueOnFail = false) {
	const { output } = await execute(new ErpOrderStatus(), {
		parameters: { erp: 'pohoda', operation: 'getChanges', startFrom: 'now' },
		credentials: { orderSyncPohodaApi: credentialsFor(sim) },
		staticData,
		continueOnFail,
		workflowId: `hostile-${expect.getState().currentTestName}`,
	});
	return output[0];
}

async function failure(run: Promise<unknown>): Promise<NodeApiError> {
	const error = await run.then(
		() => undefined,
		(e: unknown) => e,
	);
	if (!(error instanceof NodeApiError)) throw new Error(`expected a NodeApiError, got ${String(error)}`);
	return error;
}

const cases: Array<[SimFailure, RegExp]> = [
	['doctype-entity', /document type declaration \(<!DOCTYPE\).*no entity in it was expanded/],
	['external-entity', /document type declaration \(<!DOCTYPE\).*no entity in it was expanded/],
	['billion-laughs', /document type declaration \(<!DOCTYPE\).*no entity in it was expanded/],
	['wrong-encoding', /declares Windows-1250 but whose bytes are UTF-8/],
	['html', /HTML page instead of XML.*mServer address/],
];

describe('Get Changes on an answer mServer never gives', () => {
	it.each(cases)('%s: a clear NodeApiError, nothing expanded or fetched, and the change comes with the next poll', async (kind, message) => {
		const staticData: Record<string, IDataObject> = {};
		await getChanges(staticData);
		const [order] = sim.seed([{ partner: { name: 'Žofie Nováková', email: 'zofie@example.cz' }, lines: [{ text: 'Čaj', quantity: 1 }] }]);

		sim.failNext(kind);
		const error = await failure(getChanges(staticData));
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/Nothing of this answer from POHODA was used/);
		expect(error.message).not.toContain(INJECTED);
		expect(sim.canaryHits).toBe(0);

		sim.failNext(kind);
		const items = await getChanges(staticData, true);
		expect(items).toEqual([{ json: { error: expect.stringMatching(message) }, pairedItem: { item: 0 } }]);

		const next = await getChanges(staticData);
		expect(next.map((item) => `${item.json.kind}:${(item.json.order as unknown as Order).id}`)).toEqual([`created:${order.id}`]);
		expect(JSON.stringify(next)).not.toContain(INJECTED);
	});
});
