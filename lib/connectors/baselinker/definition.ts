import type { BudgetFactory, HttpSend } from '../../transport';
import { BASELINKER_DEFAULT_URL } from './client';
import { BaseLinkerShop, type BaseLinkerSettings } from './connector';

/** What a node hands the BaseLinker connector (the registry's shop options). */
export interface BaseLinkerCreateOptions {
	url: string;
	send: HttpSend;
	budget?: BudgetFactory;
	/** baseLinkerAccountKey(token); the node derives it from the credential */
	accountKey?: string;
	settings?: Record<string, unknown>;
}

const positive = (value: unknown): number | undefined => {
	const n = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
};

/** The credential's fields that tune the connector: request budget, invoice series, unconfirmed orders. */
export function baseLinkerSettings(settings: Record<string, unknown> = {}): BaseLinkerSettings {
	return {
		perMinute: positive(settings.requestsPerMinute),
		invoiceSeriesId: positive(settings.invoiceSeriesId),
		includeUnconfirmed: settings.includeUnconfirmed === true,
	};
}

/** BaseLinker as a shop of Shop Trigger / Shop Order. */
export const BASELINKER_SHOP = {
	value: 'baselinker',
	displayName: 'BaseLinker',
	credentialType: 'orderSyncBaseLinkerApi',
	defaultUrl: BASELINKER_DEFAULT_URL,
	create(options: BaseLinkerCreateOptions): BaseLinkerShop {
		if (!options.accountKey) throw new Error('The BaseLinker connector needs the account key of its token (baseLinkerAccountKey) to share the rate budget');
		return new BaseLinkerShop({
			url: options.url || BASELINKER_DEFAULT_URL,
			send: options.send,
			budget: options.budget,
			accountKey: options.accountKey,
			...baseLinkerSettings(options.settings),
		});
	},
};
