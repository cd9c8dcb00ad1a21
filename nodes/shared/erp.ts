import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { ErpSettings } from '../../lib/connectors/erp';
import { erpDefinition } from '../../lib/connectors/erps';
import { sharedBudget } from './budget';
import { credentialSend, type RequestContext } from './transport';

/** The credential's non-secret fields a definition names, as its `settings`. */
export const settingsOf = (credentials: ICredentialDataDecryptedObject, fields: string[] = []): Record<string, unknown> =>
	Object.fromEntries(fields.map((name) => [name, credentials[name]]));

/** The ERP's connector, its requests authenticated by n8n with the ERP's credential. */
export async function connectErp(context: RequestContext, erp: string, options: Pick<ErpSettings, 'externalSystem' | 'import' | 'invoiceReportId'> = {}) {
	const definition = erpDefinition(erp);
	const { credentials, send } = await credentialSend(context, definition.credentialType);
	return definition.create({
		url: String(credentials.url ?? ''),
		send,
		settings: settingsOf(credentials, definition.settingsFields),
		budget: sharedBudget,
		...options,
	});
}
