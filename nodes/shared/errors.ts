import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { MissingCapabilityError } from '../../lib/connectors/shop';
import { HttpError, VendorAnswerError, VendorError } from '../../lib/transport';

/** What an error is about: the item, and the order and event it names. */
export interface ErrorContext {
	itemIndex?: number;
	order?: string;
	event?: string;
}

/** The suffix naming the order and event, e.g. " (order 7, event shipped)"; empty when there is neither. */
export function whereOf({ order, event }: ErrorContext): string {
	const parts = [order && `order ${order}`, event && `event ${event}`].filter(Boolean);
	return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Converts what lib throws into n8n's errors, naming the order and keeping secrets out. */
export function toNodeError(node: INode, error: unknown, context: ErrorContext = {}) {
	const where = whereOf(context);
	if (error instanceof HttpError) {
		return new NodeApiError(node, { message: error.message, status: error.status, body: error.vendorBody ?? '' } as JsonObject, {
			message: `${error.message}${where}`,
			description: describeStatus(error),
			httpCode: error.status ? String(error.status) : undefined,
			itemIndex: context.itemIndex,
		});
	}
	if (error instanceof VendorAnswerError) {
		return new NodeApiError(node, { message: error.message } as JsonObject, {
			message: `${error.message}${where}`,
			description: `Nothing of this answer from ${error.vendor} was used; the message says what was wrong with it and what to check.`,
			itemIndex: context.itemIndex,
		});
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof MissingCapabilityError) {
		return new NodeOperationError(node, `${error.message}${where}`, { itemIndex: context.itemIndex, description: error.fix });
	}
	const message = `${(error as Error).message ?? String(error)}${where}`;
	return new NodeOperationError(node, message, {
		itemIndex: context.itemIndex,
		description: error instanceof VendorError && error.details ? JSON.stringify(error.details).slice(0, 2000) : undefined,
	});
}

/** Node's codes for a TLS certificate that could not be verified. */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i;

function describeStatus(error: HttpError): string {
	switch (error.status) {
		case 0:
			if (error.code && CERTIFICATE_CODE.test(error.code)) {
				return `${error.vendor}'s TLS certificate could not be verified (${error.code}). Give the server a trusted certificate, or turn on "Ignore SSL Issues (Insecure)" in the credential if you trust it.`;
			}
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
