import { stateStore } from '../../lib/state';
import { SharedBudget, type RateLimit } from '../../lib/transport';

/** A vendor's rate budget in the state store, shared by every execution and n8n process using the account. */
export const sharedBudget = (bucket: string, limit: RateLimit) =>
	new SharedBudget(async (name, capacity, windowMs) => (await stateStore()).reserve(name, capacity, windowMs), `rate|${bucket}`, limit);
