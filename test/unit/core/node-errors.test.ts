import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { toNodeError } from '../../../nodes/shared/errors';
import { HttpError, VendorError } from '../../../lib/transport';

const node: INode = { id: '1', name: 'Shop Order', type: 'n8n-nodes-order-sync.shopOrder', typeVersion: 1, position: [0, 0], parameters: {} };

const httpError = (status: number) =>
	new HttpError({
		vendor: 'WooCommerce',
		status,
		message: `WooCommerce answered HTTP ${status} to PUT /wp-json/wc/v3/orders/7`,
		vendorBody: '{"code":"woocommerce_rest_cannot_edit","message":"Sorry, you are not allowed to edit this resource."}',
		request: { method: 'PUT', url: 'https://shop.example/wp-json/wc/v3/orders/7', headers: { Authorization: 'Basic c2VjcmV0' } },
		attempts: 1,
	});

describe('toNodeError', () => {
	it('turns an HTTP failure into a NodeApiError naming the order and the fix', () => {
		const error = toNodeError(node, httpError(401), { itemIndex: 3, order: '7' });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('WooCommerce answered HTTP 401 to PUT /wp-json/wc/v3/orders/7 (order 7)');
		expect(error.description).toContain('Check the user name, key or password in the credential');
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(JSON.stringify(error)).not.toContain('c2VjcmV0');
	});

	it('explains a missing answer and repeated rate limiting', () => {
		expect(toNodeError(node, httpError(0)).description).toContain("Check the credential's URL");
		expect(toNodeError(node, httpError(429)).description).toContain('kept rate-limiting');
	});

	it('quotes the vendor for other statuses', () => {
		expect(toNodeError(node, httpError(409)).description).toContain('Sorry, you are not allowed to edit this resource.');
	});

	it('keeps n8n errors as they are and wraps anything else as an operation error', () => {
		const own = new NodeOperationError(node, 'already clear');
		expect(toNodeError(node, own)).toBe(own);
		const vendor = toNodeError(node, new VendorError('POHODA', 'Import refused', { errno: 101 }), { order: '2026001' });
		expect(vendor).toBeInstanceOf(NodeOperationError);
		expect(vendor.message).toBe('Import refused (order 2026001)');
		expect(vendor.description).toContain('"errno":101');
	});
});
