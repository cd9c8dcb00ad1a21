import type { ErpDefinition, ErpSettings } from '../erp';
import { statusesFrom } from '../registry';
import { PohodaConnector } from './connector';
import { POHODA_STATUSES, SYSTEM } from './mapping';

/** POHODA (Stormware) in the ERP registry: received orders over mServer XML. */
export const pohodaErp = {
	kind: 'erp',
	value: SYSTEM,
	name: 'POHODA',
	description: 'Stormware POHODA through its mServer (XML)',
	notice:
		'POHODA’s XML cannot change an existing order (actionType allows only add and delete), so this node never sends an update: it reads orders, imports new ones, invoices them and prints documents.',
	credentialType: 'orderSyncPohodaApi',
	credentialTest: 'pohodaConnectionTest',
	settingsFields: ['ico', 'application', 'homeCurrency'],
	// POHODA has no status list: a received order is new, partly delivered, executed (isExecuted) or cancelled (storno).
	statuses: { fixed: statusesFrom(POHODA_STATUSES) },
	create: ({ url, send, settings, externalSystem, import: importOptions, invoiceReportId }: ErpSettings) =>
		new PohodaConnector({
			url,
			send,
			ico: String(settings.ico ?? '').trim(),
			application: String(settings.application || 'n8n Order Sync'),
			homeCurrency: settings.homeCurrency ? String(settings.homeCurrency).trim().toUpperCase() : undefined,
			externalSystem,
			import: importOptions,
			invoiceReportId,
		}),
} satisfies ErpDefinition;
