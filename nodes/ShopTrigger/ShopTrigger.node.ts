import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { shopCredentialTests } from '../shared/credential-test';
import { shopCredentials } from '../shared/shop';
import { properties } from './description';
import { pollOrders } from './poll';
import { receiveDelivery } from './webhook/delivery';
import { registerWebhooks, removeWebhooks, webhooksExist } from './webhook/lifecycle';

export class ShopTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shop Trigger',
		name: 'shopTrigger',
		icon: { light: 'file:shopTrigger.svg', dark: 'file:shopTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["shop"] + ": " + ($parameter["mode"] === "polling" ? "polling" : "webhook") }}',
		description: 'Starts the workflow when a shop order is created, changes status or has its lines edited',
		defaults: { name: 'Shop Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: shopCredentials(),
		// Both a webhook and a poller: each mode switches the other off (an empty webhook method registers no
		// webhook; poll() returns nothing in webhook mode).
		polling: true,
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{ $parameter["mode"] === "polling" ? "" : "POST" }}',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		triggerPanel: {
			header: 'Pull in an order event from the shop',
			executionsHelp: {
				inactive:
					"<b>While building your workflow</b>, click 'Execute step'. In Webhook mode the node registers a test webhook and waits for the shop's next order event; in Polling mode it fetches the most recently changed order.<br /><br /><b>Once you're happy with your workflow</b>, publish or activate it: the node then registers its webhook, or polls at the Poll Times, and every order event starts an execution.",
				active:
					"<b>While building your workflow</b>, click 'Execute step' to fetch a test event (Polling mode) or wait for one (Webhook mode).<br /><br /><b>Your workflow is active</b>: every order event from the shop starts an execution, visible in the executions list.",
			},
			activationHint: 'Once you’ve finished building your workflow, activate it to receive every order event.',
		},
		properties,
	};

	methods = { credentialTest: shopCredentialTests() };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhooksExist.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await registerWebhooks.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await removeWebhooks.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOrders.call(this);
	}
}
