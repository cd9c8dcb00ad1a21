/**
 * Two-way sync with an ERP written by a plain HTTP Request (template 6): the Order Status Mapper's Remember Written
 * Status after the write lets the Both Ways mapper drop the ERP's echo of it. Nodes run in-process, sharing the
 * workflow's static data the way one workflow's nodes do.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { execute } from '../../helpers/n8n-context';
import { testStore } from '../../helpers/state';

const mapperNode = new OrderStatusMapper();
const rows = [
	{ source: 'Potwierdzony', target: 'processing', canonical: 'confirmed', notify: false, event: 'order_confirmation' },
	{ source: 'Zrealizowany', target: 'completed', canonical: 'completed', notify: true, event: 'completed' },
];
const mapParameters = { operation: 'mapStatus', sourceSystem: 'enova365', targetSystem: 'woocommerce', direction: 'both', mappings: { rows }, unmapped: 'stop' };

/** The shop's event: the merchant completed order 1001 in wp-admin. */
const shopCompleted: INodeExecutionData = {
	json: {
		kind: 'completed',
		system: 'woocommerce',
		newStatus: { code: 'completed' },
		previousStatus: { code: 'processing' },
		changedAt: new Date().toISOString(),
		order: { system: 'woocommerce', id: '1001', externalIds: { woocommerce: '1001' }, status: { code: 'completed' }, customer: {}, lines: [] },
	},
};

/** One workflow: its static data, the ERP's rows, and its nodes run in order. */
function workflow(id: string) {
	const staticData: Record<string, IDataObject> = {};
	const erpRows = [{ id: 'ZO/1', shopOrderId: '1001', status: 'Potwierdzony', updatedAt: '2026-11-20T10:00:00Z', email: 'jana@example.pl' }];
	const run = (node: OrderStatusMapper | ErpOrderStatus, parameters: IDataObject, items: INodeExecutionData[], suffix: string) =>
		execute(node, { parameters, items, staticData, workflowId: id, nodeName: suffix });
	const detectErpChanges = async () =>
		(
			await run(
				new ErpOrderStatus(),
				{ erp: 'generic', operation: 'detectChanges', system: 'enova365', fields: { mapping: { orderId: 'id', shopOrderId: 'shopOrderId', status: 'status', updatedAt: 'updatedAt', email: 'email' } } },
				erpRows.map((row) => ({ json: { ...row } })),
				'Detect ERP changes',
			)
		).output[0];
	const map = async (items: INodeExecutionData[]) => (await run(mapperNode, mapParameters, items, 'Map status both ways')).output[0];
	/** The HTTP Request's PUT by the shop order id: the ERP changes the row. */
	const writeToErp = (item: INodeExecutionData) => {
		const status = item.json.status as { to: string };
		Object.assign(erpRows.find((row) => row.shopOrderId === (item.json.order as { id: string }).id)!, { status: status.to, updatedAt: new Date().toISOString() });
		return { json: { id: 'ZO/1', status: status.to } };
	};
	return { staticData, workflowId: id, detectErpChanges, map, writeToErp, run };
}

describe('Order Status Mapper: Remember Written Status', () => {
	it('after an ERP write by the shop order id, the ERP reporting that status back is dropped once', async () => {
		const sync = workflow('note-write-echo');
		await sync.detectErpChanges(); // the first look at the rows
		const [towardsErp] = await sync.map([shopCompleted]);
		expect(towardsErp.json.status).toMatchObject({ to: 'Zrealizowany', targetSystem: 'enova365' });
		const written = sync.writeToErp(towardsErp);
		const mapperItem = towardsErp;
		const { output } = await sync.run(
			mapperNode,
			{
				operation: 'noteWrite',
				writtenSystem: () => (mapperItem.json.status as { targetSystem: string }).targetSystem,
				writtenOrderId: () => (mapperItem.json.order as { id: string }).id,
				writtenOrderIdKind: 'shop',
				writtenStatus: () => (mapperItem.json.status as { to: string }).to,
			},
			[written],
			'Remember the ERP write',
		);
		expect(output).toEqual([[{ json: written.json, pairedItem: { item: 0 } }]]);

		const echo = await sync.detectErpChanges();
		expect(echo.map((item) => (item.json.newStatus as { code: string }).code)).toEqual(['Zrealizowany']);
		expect(await sync.map(echo)).toEqual([]);
		expect(await testStore().namespace(`wf:${sync.workflowId}`).list('wrote|')).toEqual([]);
	});

	it('without it, the ERP echo goes back to the shop and asks for the customer mail', async () => {
		const sync = workflow('note-write-missing');
		await sync.detectErpChanges();
		sync.writeToErp((await sync.map([shopCompleted]))[0]);
		const [bounced] = await sync.map(await sync.detectErpChanges());
		expect(bounced.json.status).toMatchObject({ to: 'completed', targetSystem: 'woocommerce' });
		expect(bounced.json.notify).toEqual({ event: 'completed', enabled: true });
	});

	it('dry: Remember Written Status notes nothing and the dry mapper consumes no echo note', async () => {
		const sync = workflow('note-write-dry');
		await sync.detectErpChanges();
		const noteParameters = { operation: 'noteWrite', writtenSystem: 'enova365', writtenOrderId: 'ZO/1', writtenOrderIdKind: 'own', writtenStatus: 'Zrealizowany' };
		await sync.run(mapperNode, { ...noteParameters, dryRun: true }, [{ json: {} }], 'Remember');
		expect(await testStore().namespace(`wf:${sync.workflowId}`).list('wrote|')).toEqual([]);

		await sync.run(mapperNode, noteParameters, [{ json: {} }], 'Remember');
		sync.writeToErp((await sync.map([shopCompleted]))[0]);
		const echo = await sync.detectErpChanges();
		const dryMap = await sync.run(mapperNode, { ...mapParameters, dryRun: true }, echo, 'Map status both ways');
		expect(dryMap.output[0]).toEqual([]);
		expect(dryMap.context.hints).toEqual([
			{ message: 'Dry run: the real run drops 1 item(s): item 0 (order ZO/1): the echo of our own write', type: 'info', location: 'outputPane' },
		]);
		expect(await testStore().namespace(`wf:${sync.workflowId}`).list('wrote|')).toHaveLength(1);
		expect(await sync.map(echo)).toEqual([]);
	});

	it('keys a write by the order\'s own id in that system', async () => {
		const sync = workflow('note-write-own-id');
		await sync.detectErpChanges();
		const item = { json: { written: true } };
		await sync.run(mapperNode, { operation: 'noteWrite', writtenSystem: 'enova365', writtenOrderId: 'ZO/1', writtenOrderIdKind: 'own', writtenStatus: 'Zrealizowany' }, [item], 'Remember');
		sync.writeToErp((await sync.map([shopCompleted]))[0]);
		expect(await sync.map(await sync.detectErpChanges())).toEqual([]);
	});

	it('names the item, the order and the empty field; with Continue On Fail the item carries the error', async () => {
		const parameters = { operation: 'noteWrite', writtenSystem: 'enova365', writtenOrderId: '1001', writtenOrderIdKind: 'shop', writtenStatus: '' };
		await expect(execute(mapperNode, { parameters, items: [{ json: {} }] })).rejects.toThrow('Item 0 (order 1001): Status empty');
		const { output } = await execute(mapperNode, { parameters, items: [{ json: { a: 1 } }], continueOnFail: true });
		expect(output[0]).toEqual([{ json: { a: 1, error: 'Item 0 (order 1001): Status empty' }, pairedItem: { item: 0 } }]);
	});
});
