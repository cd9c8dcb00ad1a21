import { NotifyCustomer } from '../../../nodes/NotifyCustomer/NotifyCustomer.node';

describe('Notify Customer and AI agents', () => {
	it('is not offered as an AI tool: n8n cannot limit a tool to Send Test Message', () => {
		expect(new NotifyCustomer().description).not.toHaveProperty('usableAsTool');
	});
});
