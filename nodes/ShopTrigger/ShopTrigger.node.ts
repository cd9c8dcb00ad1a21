import { randomBytes } from 'node:crypto';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { snapshotOf } from '../../lib/changes/detect';
import type { ShopConnector, ShopWebhooks } from '../../lib/connectors/shop';
import type { ChangeEvent } from '../../lib/model';
import { toNodeError } from '../shared/errors';
import { openLedger } from '../shared/ledger';
import { connectShop, shopCredentials, shopProperty } from '../shared/shop';
import { changesOf, eventItem, type BaselineSnapshot, type TriggerEvent } from './events';

interface Registration {
	ids: string[];
	secret: string;
	/** When the webhooks were registered: orders created later are new even if their "created" delivery comes last */
	activatedAt: string;
}

/** Registrations by delivery URL, so a test webhook (its own URL and secret) leaves the production one intact. */
interface WebhookState {
	registrations?: Record<string, Registration>;
}

/**
 * Read only: n8n saves a webhook call's copy of the static data whenever it changed, over the copy activation saved
 * meanwhile, so a delivery refused before activation finished must not write (it would erase the secrets).
 */
const registrationsOf = (context: IHookFunctions | IWebhookFunctions | IPollFunctions): Record<string, Registration> =>
	(context.getWorkflowStaticData('node') as WebhookState).registrations ?? {};

const writableRegistrationsOf = (context: IHookFunctions) => {
	const state = context.getWorkflowStaticData('node') as WebhookState;
	state.registrations ??= {};
	return state.registrations;
};

function webhooksOf(shop: ShopConnector, context: IHookFunctions | IWebhookFunctions): ShopWebhooks {
	if (!shop.webhooks) {
		throw new NodeOperationError(context.getNode(), `${shop.displayName} cannot send webhooks`, {
			description: 'Set "Mode" to "Polling".',
		});
	}
	return shop.webhooks;
}

const selectedShop = (context: IHookFunctions | IWebhookFunctions | IPollFunctions) =>
	connectShop(context, context.getNodeParameter('shop', 'woocommerce') as string);

const subtractSeconds = (iso: string, seconds: number) => new Date(Date.parse(iso) - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

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
		credentials: shopCredentials,
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
		properties: [
			shopProperty,
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Webhook',
						value: 'webhook',
						description: 'The shop calls n8n at once; the webhook is registered and removed with the workflow',
					},
					{
						name: 'Polling',
						value: 'polling',
						description: 'Asks the shop for changed orders at the Poll Times; for shops n8n cannot be reached from',
					},
				],
				default: 'webhook',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'Order Created', value: 'created' },
					{ name: 'Order Status Changed', value: 'statusChanged', description: 'With the previous and the new status' },
					{ name: 'Order Updated', value: 'updated', description: 'Lines added, removed or changed in quantity or price' },
				],
				default: ['created', 'statusChanged'],
				required: true,
			},
			{
				displayName: 'In Webhook mode the node registers its webhooks in the shop when the workflow is activated; the Poll Times then only pace the catch-up for missed events.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { mode: ['webhook'] } },
			},
			{
				displayName: 'Catch Up Missed Events',
				name: 'catchUp',
				type: 'boolean',
				default: true,
				description:
					'Whether to also look for changed orders at the Poll Times and turn the webhooks back on if the shop disabled them (WooCommerce does after 5 failed deliveries), so changes made while n8n was unreachable still arrive. Events already delivered are not repeated.',
				displayOptions: { show: { mode: ['webhook'] } },
			},
			{
				displayName: 'Overlap (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 120,
				description: 'How far back each poll looks before the last change seen, so changes saved late or with clock skew are not missed. Orders seen already are skipped.',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const ours = registrationsOf(this)[url];
				if (!ours) return false;
				try {
					const hooks = webhooksOf(await selectedShop(this), this);
					const registered = await hooks.list();
					return hooks.topics.every((topic) =>
						registered.some((r) => ours.ids.includes(r.id) && r.topic === topic && r.deliveryUrl === url && r.active),
					);
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				try {
					const hooks = webhooksOf(await selectedShop(this), this);
					// Leftovers of this URL (disabled after failed deliveries, or from an earlier activation) go first.
					for (const stale of (await hooks.list()).filter((r) => r.deliveryUrl === url)) await hooks.remove(stale.id);
					const registration: Registration = { ids: [], secret: randomBytes(32).toString('hex'), activatedAt: new Date().toISOString() };
					// Stored before registering: the shop may deliver (or ping) at once.
					writableRegistrationsOf(this)[url] = registration;
					for (const topic of hooks.topics) registration.ids.push((await hooks.register(topic, url, registration.secret)).id);
					return true;
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const registrations = writableRegistrationsOf(this);
				try {
					const hooks = webhooksOf(await selectedShop(this), this);
					const known = new Set((await hooks.list()).map((r) => r.id));
					for (const id of registrations[url]?.ids ?? []) if (known.has(id)) await hooks.remove(id);
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
				delete registrations[url];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const raw = request.rawBody as Buffer | string | undefined;
		const rawBody = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
		const headers = this.getHeaderData() as Record<string, string | string[] | undefined>;
		const shop = await selectedShop(this);
		const hooks = webhooksOf(shop, this);
		const delivery = rawBody ? hooks.parse(rawBody, headers) : undefined;
		// The ping on registration is unsigned and starts nothing.
		if (delivery?.kind === 'ping') return { webhookResponse: 'pong' };
		const registration = Object.values(registrationsOf(this)).find((r) => hooks.verify(rawBody, headers, r.secret));
		if (!registration) {
			this.getResponseObject().status(401).json({ message: 'Missing or invalid webhook signature' });
			return { noWebhookResponse: true };
		}
		if (!delivery || delivery.kind !== 'order') return { webhookResponse: 'ignored' };

		const ledger = await openLedger(this);
		const deliveryAction = delivery.deliveryId ? `delivery:${delivery.deliveryId}` : undefined;
		if (deliveryAction && !(await ledger.claim(shop.system, 'webhook', deliveryAction))) {
			return { webhookResponse: 'duplicate' };
		}
		const { order } = delivery;
		const isNew = delivery.topic.endsWith('.created') || (!!order.createdAt && order.createdAt >= registration.activatedAt);
		let changes: ChangeEvent[];
		try {
			changes = await changesOf(ledger, shop, order, { events: this.getNodeParameter('events', []) as TriggerEvent[], isNew, delivered: true });
		} catch (error) {
			// Not handled: the shop's redelivery of this delivery gets another try.
			if (deliveryAction) await ledger.release(shop.system, 'webhook', deliveryAction);
			throw toNodeError(this.getNode(), error, { order: order.id });
		}
		if (deliveryAction) await ledger.complete(shop.system, 'webhook', deliveryAction);
		if (!changes.length) return { webhookResponse: 'no change' };
		return { workflowData: [changes.map(eventItem)] };
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const webhookMode = this.getNodeParameter('mode', 'webhook') !== 'polling';
		if (webhookMode && !this.getNodeParameter('catchUp', true)) return null;
		const events = this.getNodeParameter('events', []) as TriggerEvent[];
		const overlap = this.getNodeParameter('overlapSeconds', 120) as number;
		const node = this.getNode();
		try {
			const shop = await selectedShop(this);
			const ledger = await openLedger(this);
			const source = `shopTrigger:${shop.system}:${node.id}`;
			if (webhookMode && shop.webhooks) {
				// Webhooks the shop disabled after failed deliveries are turned back on; the poll below fetches what they missed.
				const ours = new Set(Object.values(registrationsOf(this)).flatMap((r) => r.ids));
				for (const hook of await shop.webhooks.list()) if (ours.has(hook.id) && !hook.active) await shop.webhooks.reactivate(hook.id);
			}

			if (this.getMode() === 'manual') {
				// A real recent order as the test event; the watermark and snapshots stay as they are.
				const [latest] = await shop.listOrders({ limit: 1, order: 'newestModifiedFirst' });
				if (!latest) throw new NodeOperationError(node, `The shop has no orders yet to show as a test event`);
				const kind: ChangeEvent['kind'] = events.includes('statusChanged') || !events.length ? 'status_changed' : events.includes('created') ? 'created' : 'edited';
				const test: ChangeEvent = {
					system: shop.system,
					kind,
					order: latest,
					newStatus: latest.status,
					changedAt: latest.updatedAt ?? new Date().toISOString(),
					...(kind === 'edited' ? { lineDiff: { added: [], removed: [], changed: [] } } : {}),
				};
				return [[eventItem(test)]];
			}

			const watermark = await ledger.watermark(source);
			if (!watermark) {
				// First poll: start from the shop's latest change (its own clock), report nothing older. The orders
				// changed in that last second are remembered, so a later change in the same second is told apart.
				const [latest] = await shop.listOrders({ limit: 1, order: 'newestModifiedFirst' });
				const start = latest?.updatedAt ?? new Date().toISOString();
				const lastSecond = latest ? await shop.listOrders({ modifiedAfter: subtractSeconds(start, 1), order: 'oldestModifiedFirst' }) : [];
				for (const order of lastSecond) {
					const baseline: BaselineSnapshot = { ...snapshotOf(order), baseline: true };
					await ledger.saveSnapshot(order.system, order.id, baseline);
				}
				await ledger.setWatermark(source, start);
				await ledger.setWatermark(`${source}:since`, start);
				return null;
			}
			const since = (await ledger.watermark(`${source}:since`)) ?? watermark;
			// Everything is fetched before any state moves, so a failed poll repeats whole.
			const orders = await shop.listOrders({ modifiedAfter: subtractSeconds(watermark, overlap), order: 'oldestModifiedFirst' });
			const items: INodeExecutionData[] = [];
			let newest = watermark;
			for (const order of orders) {
				const isNew = !!order.createdAt && order.createdAt >= since;
				for (const change of await changesOf(ledger, shop, order, { events, isNew, baselineBefore: since })) items.push(eventItem(change));
				if (order.updatedAt && order.updatedAt > newest) newest = order.updatedAt;
			}
			await ledger.setWatermark(source, newest);
			return items.length ? [items] : null;
		} catch (error) {
			throw toNodeError(node, error);
		}
	}
}
