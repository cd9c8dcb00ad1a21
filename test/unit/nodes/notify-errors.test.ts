import { NodeOperationError, type INode } from 'n8n-workflow';
import { asNodeError } from '../../../nodes/NotifyCustomer/actions/smtp';
import { toNodeError } from '../../../nodes/shared/errors';

const node: INode = { id: '1', name: 'Notify Customer', type: 'n8n-nodes-order-sync.notifyCustomer', typeVersion: 1, position: [0, 0], parameters: {} };

describe('error messages name the order and event once', () => {
	it('an unexpected error in Notify Customer names "order" once, then the event', () => {
		const error = asNodeError(node, new Error('Ledger unavailable'), { itemIndex: 2, order: 'woocommerce 1001', event: 'shipped' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Ledger unavailable (order woocommerce 1001, event shipped)');
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
	});

	it('toNodeError names only what it is given', () => {
		expect(toNodeError(node, new Error('boom')).message).toBe('boom');
		expect(toNodeError(node, new Error('boom'), { order: '7' }).message).toBe('boom (order 7)');
		expect(toNodeError(node, new Error('boom'), { event: 'shipped' }).message).toBe('boom (event shipped)');
	});
});
