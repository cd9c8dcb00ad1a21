import type { INodeType } from 'n8n-workflow';
import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';
import { itemParameter, sameForEveryItem } from '../../../nodes/shared/parameters';
import { createContext } from '../../helpers/n8n-context';

describe('sameForEveryItem', () => {
	it.each([
		[false],
		['plain text'],
		["={{ $('Settings').isExecuted && $('Settings').first().json.dryRun === true }}"],
		['={{ $vars.dryRun === "true" }}'],
		['={{ $execution.mode === "manual" }}'],
		[{ rows: [{ subject: 'Order {{number}}' }] }],
	])('%j is read once a run', (raw) => expect(sameForEveryItem(raw)).toBe(true));

	it.each([
		['={{ $json.status.to }}'],
		['={{ $input.item.json.dryRun }}'],
		["={{ $('Settings').item.json.dryRun }}"],
		["={{ $('Settings').itemMatching($itemIndex).json.dryRun }}"],
		["={{ $('Settings')['item'].json.dryRun }}"],
		['={{ $binary.data.fileName }}'],
		['={{ $node["Settings"].json.dryRun }}'],
		['={{ $parameter.event }}'],
		[{ rows: [{ subject: '={{ $json.order.number }}' }] }],
	])('%j is read per item', (raw) => expect(sameForEveryItem(raw)).toBe(false));
});

describe('itemParameter', () => {
	const node = new NotifyCustomer() as INodeType;

	it('reads a parameter that is the same for every item once, one read per item otherwise', () => {
		const reads: number[] = [];
		const context = createContext(node, {
			items: [{ json: {} }, { json: {} }, { json: {} }],
			parameters: { testMode: false, recipient: (i: number) => (reads.push(i), `customer-${i}@example.com`) },
		});
		const fn = context as unknown as Parameters<typeof itemParameter>[0];
		expect([0, 1, 2].map((i) => itemParameter(fn, 'recipient', i))).toEqual(['customer-0@example.com', 'customer-1@example.com', 'customer-2@example.com']);
		expect(reads).toEqual([0, 1, 2]);
		let calls = 0;
		const counting = { ...fn, getNodeParameter: (...args: Parameters<typeof fn.getNodeParameter>) => (calls++, fn.getNodeParameter(...args)) } as typeof fn;
		expect([0, 1, 2].map((i) => itemParameter(counting, 'testMode', i))).toEqual([false, false, false]);
		expect(calls).toBe(1);
	});
});
