import { randomBytes } from 'node:crypto';
import type { IHookFunctions } from 'n8n-workflow';
import { toNodeError } from '../../shared/errors';
import { selectedShop, webhooksOf } from '../transport';
import { registrationsOf, writableRegistrationsOf, type Registration } from './registrations';

/** True when every topic is registered, active, for this node's URL, under the ids this node stored. */
export async function webhooksExist(this: IHookFunctions): Promise<boolean> {
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
}

/** Registers one webhook per topic for this node's URL, signed with a new random secret. */
export async function registerWebhooks(this: IHookFunctions): Promise<boolean> {
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
}

/** Removes this URL's webhooks from the shop (those still there) and forgets their secret. */
export async function removeWebhooks(this: IHookFunctions): Promise<boolean> {
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
}
