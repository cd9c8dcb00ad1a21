import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { execute } from '../../helpers/n8n-context';

describe('ERP Order Status (Generic): a failing expression fails only its item when the node continues on fail', () => {
	const items = [{ json: { id: 'A-1', status: 'new' } }, { json: { id: 'A-2', status: 'new' } }, { json: { id: 'A-3', status: 'new' } }];
	/** A System Name expression that fails for the second row. */
	const system = (itemIndex: number) => {
		if (itemIndex === 1) throw new Error("Cannot read properties of undefined (reading 'name')");
		return 'enova';
	};
	const run = (continueOnFail: boolean) =>
		execute(new ErpOrderStatus(), {
			parameters: { erp: 'generic', operation: 'detectChanges', system },
			items,
			continueOnFail,
			workflowId: `erp-generic-expressions-${continueOnFail}`,
		});

	it('emits the other rows and an error item paired with the failing one', async () => {
		const { output } = await run(true);
		const events = output[0].filter((item) => !item.json.error);
		expect(events.map((item) => [(item.json.order as { id: string }).id, item.pairedItem])).toEqual([
			['A-1', { item: 0 }],
			['A-3', { item: 2 }],
		]);
		expect(output[0].filter((item) => item.json.error)).toEqual([
			{ json: { error: expect.stringMatching(/^Item 1 \(order A-2\): Cannot read properties of undefined/) }, pairedItem: { item: 1 } },
		]);
	});

	it('without Continue On Fail, stops naming the item and order', async () => {
		await expect(run(false)).rejects.toThrow(/Item 1 \(order A-2\): Cannot read properties of undefined/);
	});
});
