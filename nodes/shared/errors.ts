import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { HttpError, VendorError } from '../../lib/transport';

/** Converts what lib throws into n8n's errors, naming the order and keeping secrets out. */
export function toNodeError(node: INode, error: unknown, context: { itemIndex?: number; order?: string } = {}) {
	const where = context.order ? ` (order ${context.order})` : '';
	if (error instanceof HttpError) {
		return new NodeApiError(node, { message: error.message, status: error.status, body: error.vendorBody ?? '' } as JsonObject, {
			message: `${error.message}${where}`,
			description: describeStatus(error),
			httpCode: error.status ? String(error.status) : undefined,
			itemIndex: context.itemIndex,
		});
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const message = `${(error as Error).message ?? String(error)}${where}`;
	return new NodeOperationError(node, message, {
		itemIndex: context.itemIndex,
		description: error instanceof VendorError && error.details ? JSON.stringify(error.details).slice(0, 2000) : undefined,
	});
}

function describeStatus(error: HttpError): string {
	switch (error.status) {
		case 0:
			return `No answer from ${error.vendor} after ${error.attempts} attempt(s). Check the credential's URL and that the server is reachable.`;
		case 401:
			return `${error.vendor} refused the credentials. Check the user name, key or password in the credential.`;
		case 403:
			return `The credential has no rights for this. Grant the user access in ${error.vendor}.`;
		case 404:
			return `${error.vendor} does not know this address or record. Check the credential's URL and the id you gave.`;
		case 429:
			return `${error.vendor} kept rate-limiting after ${error.attempts} attempt(s). Run less often or lower the batch size.`;
		default:
			return error.vendorBody ? `${error.vendor} said: ${error.vendorBody.slice(0, 500)}` : `HTTP ${error.status}`;
	}
}
