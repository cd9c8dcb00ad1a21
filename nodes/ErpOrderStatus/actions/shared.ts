import { NodeOperationError, type ICredentialDataDecryptedObject, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { pohodaErp, type PohodaConnector } from '../../../lib/connectors/pohoda';
import { isCurrencyCode } from '../../../lib/model';
import { settingsOf } from '../../shared/erp';
import { credentialSend } from '../../shared/transport';

export const HOME_CURRENCY_FIX = 'Set it to the three-letter ISO code of the accounting unit’s currency: CZK for POHODA (CZ), EUR for POHODA SK.';

/** The credential's Home Currency as an ISO code (CZK when empty), or undefined when it is not one. */
export function homeCurrencyOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	const code = String(credentials.homeCurrency || 'CZK').trim().toUpperCase();
	return isCurrencyCode(code) ? code : undefined;
}

export async function pohodaConnector(
	context: IExecuteFunctions,
	extra: { import?: IDataObject; invoiceReportId?: number; externalSystem?: string; dryRun?: boolean } = {},
): Promise<{ connector: PohodaConnector; url: string; ico: string }> {
	const { credentials, send } = await credentialSend(context, pohodaErp.credentialType, { dryRun: extra.dryRun });
	const url = String(credentials.url ?? '');
	const ico = String(credentials.ico ?? '').trim();
	const homeCurrency = homeCurrencyOf(credentials);
	if (!homeCurrency) {
		throw new NodeOperationError(context.getNode(), `Home Currency "${String(credentials.homeCurrency)}" in the POHODA credential is not a currency code`, {
			description: HOME_CURRENCY_FIX,
		});
	}
	const connector = pohodaErp.create({
		url,
		send,
		settings: { ...settingsOf(credentials, pohodaErp.settingsFields), homeCurrency },
		externalSystem: extra.externalSystem,
		import: extra.import,
		invoiceReportId: extra.invoiceReportId,
	});
	return { connector, url, ico };
}
