/**
 * ERP Order Status dry over the strict POHODA simulator: reads are sent, writes are not (the request is shown), the
 * ledger and watermark do not move, and the real run afterwards sends the very request the dry run showed.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Order } from '../../../lib/model';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { execute } from '../../helpers/n8n-context';
import { workflowLedger } from '../../helpers/state';
import { startPohodaSimulator, type PohodaSimulator } from '../../simulators/pohoda';
import { credentialsFor } from './support';

const node = new ErpOrderStatus();
let sim: PohodaSimulator;
beforeEach(async () => {
	sim = await startPohodaSimulator();
});
afterEach(() => sim.close());

const run = async (parameters: Record<string, unknown>, items: INodeExecutionData[] = [{ json: {} }]) =>
	(await execute(node, { parameters: { erp: 'pohoda', ...parameters }, items, credentials: { orderSyncPohodaApi: credentialsFor(sim) }, workflowId: 'dry' })).output[0];
const writes = () => sim.requests.filter((r) => r.body && !/listOrderRequest|printRequest/.test(r.body));
const shopOrder: Order = {
	system: 'woocommerce',
	id: 'W-5',
	number: 'W-5',
	externalIds: { woocommerce: 'W-5' },
	status: { code: 'processing' },
	customer: { email: 'eva@example.cz', name: 'Eva Dvořáková' },
	lines: [{ name: 'Mýdlo <levandule> & med', sku: 'MYDLO', quantity: 2, unitPrice: 59 }],
};

test('Import Order dry shows the dataPack and imports nothing; the real import sends that dataPack', async () => {
	const input = [{ json: { order: shopOrder as unknown as IDataObject } }];
	const parameters = { operation: 'importOrder', order: () => shopOrder, shopOrderId: 'W-5' };
	const [dry] = await run({ ...parameters, dryRun: true }, input);
	const planned = (dry.json.dryRun as { wouldWrite: Array<{ method: string; url: string; body: string }>; ledger: string });
	expect(planned.ledger).toBe('would_do');
	expect(planned.wouldWrite[0]).toMatchObject({ method: 'POST', url: `${sim.url}/xml` });
	expect(planned.wouldWrite[0].body).toContain('Mýdlo &lt;levandule&gt; &amp; med');
	expect(writes()).toEqual([]);
	expect(sim.requests.length).toBeGreaterThan(0); // the look-up by the shop's id was sent

	const [real] = await run(parameters, input);
	expect((real.json.pohoda as IDataObject).created).toBe(true);
	expect(writes().map((r) => r.body)).toEqual([planned.wouldWrite[0].body]);

	const [again] = await run({ ...parameters, dryRun: true }, input);
	expect(again.json.dryRun).toEqual({ wouldWrite: [], complete: true, ledger: 'already_done' });
	expect(writes()).toHaveLength(1);
});

test('Get Changes dry reports the changes without remembering them: the real run reports them too', async () => {
	const [seeded] = sim.seed([{ partner: { name: 'Jana', email: 'jana@example.cz' }, lines: [{ text: 'Čaj', quantity: 1, unitPrice: 40 }] }]);
	const parameters = { operation: 'getChanges', startFrom: 'date', startDate: '2020-01-01' };
	const dry = await run({ ...parameters, dryRun: true });
	expect(dry.map((i) => `${i.json.kind}:${(i.json.order as Order).id}`)).toEqual([`created:${seeded.id}`]);
	expect(dry[0].json.syncChange).toBeUndefined();
	expect(await workflowLedger('dry').watermark(`pohoda|${sim.url}|${sim.ico}|receivedOrder`)).toBeUndefined();
	const real = await run(parameters);
	expect(real.map((i) => `${i.json.kind}:${(i.json.order as Order).id}`)).toEqual([`created:${seeded.id}`]);
	expect(await run(parameters)).toEqual([]);
});
