import type { IHookFunctions } from 'n8n-workflow';
import type { TriggerContext } from '../transport';

export interface Registration {
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
export const registrationsOf = (context: TriggerContext): Record<string, Registration> =>
	(context.getWorkflowStaticData('node') as WebhookState).registrations ?? {};

export const writableRegistrationsOf = (context: IHookFunctions) => {
	const state = context.getWorkflowStaticData('node') as WebhookState;
	state.registrations ??= {};
	return state.registrations;
};
