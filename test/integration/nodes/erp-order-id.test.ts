import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { execute } from '../../helpers/n8n-context';
import { startPohodaSimulator, type PohodaSimulator } from '../../simulators/pohoda';
import { credentialsFor } from '../pohoda/support';

const node = new ErpOrderStatus();

/** The default of POHODA Order ID, evaluated as n8n would for an item's json. */
function defaultOrderId(json: IDataObject): unknown {
	const property = node.description.properties.find(
		(p: INodeProperties) => p.name === 'orderId' && p.displayOptions?.show?.operation?.includes('createInvoice'),
	);
	const expression = /^=\{\{(.*)\}\}$/s.exec(String(property?.default))?.[1];
	return new Function('$json', `return ${expression}`)(json);
}

describe('ERP Order Status: the POHODA order acted on', () => {
	let sim: PohodaSimulator;
	beforeEach(async () => {
		sim = await startPohodaSimulator();
	});
	afterEach(() => sim.close());

	it('defaults to the POHODA ID, never to another system’s order ID', () => {
		expect(defaultOrderId({ order: { system: 'pohoda', id: '42', externalIds: {} } })).toBe('42');
		expect(defaultOrderId({ order: { system: 'woocommerce', id: '42', externalIds: { woocommerce: '42', pohoda: '7' } } })).toBe('7');
		expect(defaultOrderId({ order: { system: 'woocommerce', id: '42', externalIds: { woocommerce: '42' } } })).toBe('');
	});

	it('an empty POHODA Order ID fails the item naming the order and the fix, and invoices nothing', async () => {
		const items = [{ json: { order: { system: 'woocommerce', id: '1001', externalIds: { woocommerce: '1001' } } } }];
		const run = (continueOnFail: boolean) =>
			execute(node, {
				parameters: { erp: 'pohoda', operation: 'createInvoice', orderId: '' },
				credentials: { orderSyncPohodaApi: credentialsFor(sim) },
				items,
				continueOnFail,
				workflowId: `erp-order-id-${continueOnFail}`,
			});
		await expect(run(false)).rejects.toThrow(/POHODA Order ID is empty \(the incoming order 1001 is from woocommerce/);
		const { output } = await run(true);
		expect(output[0]).toEqual([{ json: { error: expect.stringMatching(/POHODA Order ID is empty/) }, pairedItem: { item: 0 } }]);
		expect(sim.invoices.size).toBe(0);
	});

	it('an item that fails names the POHODA order acted on, not the incoming shop order', async () => {
		const items = [{ json: { order: { system: 'woocommerce', id: '1001', externalIds: { woocommerce: '1001', pohoda: '999999' } } } }];
		const { output } = await execute(node, {
			parameters: { erp: 'pohoda', operation: 'createInvoice', orderId: '999999' },
			credentials: { orderSyncPohodaApi: credentialsFor(sim) },
			items,
			continueOnFail: true,
			workflowId: 'erp-order-named',
		});
		expect(output[0][0].json.error).toMatch(/\(order POHODA 999999\)$/);
		expect(sim.invoices.size).toBe(0);
	});
});
