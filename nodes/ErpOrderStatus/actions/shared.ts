import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { PohodaConnector } from '../../../lib/connectors/pohoda';
import { credentialSend } from '../../shared/transport';

const CREDENTIAL = 'orderSyncPohodaApi';

export async function pohodaConnector(
	context: IExecuteFunctions,
	extra: { import?: IDataObject; invoiceReportId?: number } = {},
): Promise<{ connector: PohodaConnector; url: string; ico: string }> {
	const { credentials, send } = await credentialSend(context, CREDENTIAL);
	const url = String(credentials.url ?? '');
	const ico = String(credentials.ico ?? '').trim();
	const connector = new PohodaConnector({
		url,
		ico,
		application: String(credentials.application || 'n8n Order Sync'),
		send,
		import: extra.import,
		invoiceReportId: extra.invoiceReportId,
	});
	return { connector, url, ico };
}
