import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { trackChanges } from '../shared/changes';
import { getRecords } from './actions/getRecords';
import { notify } from './actions/notify';
import { sendTestMessage } from './actions/testMessage';
import { properties } from './description';
import { smtpConnectionTest } from './methods/credentialTest';

// Not an AI tool: n8n cannot limit a tool to Send Test Message, and an agent must not mail customers.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class NotifyCustomer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Notify Customer',
		name: 'notifyCustomer',
		icon: { light: 'file:notifyCustomer.svg', dark: 'file:notifyCustomer.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ {"sendNotification": "Send notification", "notifyManagers": "Notify managers", "sendTestMessage": "Send test message", "getRecords": "Get mail records"}[$parameter["operation"]] }}',
		description: 'Mail customers when their order changes, in their language, exactly once',
		defaults: { name: 'Notify Customer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'orderSyncSmtpApi',
				required: true,
				testedBy: 'smtpConnectionTest',
				displayOptions: { show: { operation: ['sendNotification', 'notifyManagers', 'sendTestMessage'] } },
			},
		],
		properties,
	};

	methods = { credentialTest: { smtpConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'sendTestMessage') return sendTestMessage.call(this);
		if (operation === 'getRecords') return getRecords.call(this);
		return trackChanges(this, async () => notify.call(this, operation === 'notifyManagers' ? 'managers' : 'customer'));
	}
}
