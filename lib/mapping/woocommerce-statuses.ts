import { HttpTransport, VendorError, type HttpSend } from '../transport';
import type { StatusOption } from './types';

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * A store's order statuses, core and plugin-made, from WooCommerce's order totals report
 * (GET /wp-json/wc/v3/reports/orders/totals: one `{ slug, name, total }` per status).
 */
export async function fetchWooCommerceStatuses(send: HttpSend, storeUrl: string): Promise<StatusOption[]> {
	const transport = new HttpTransport({ vendor: 'WooCommerce', send, retry: { maxRetries: 2 } });
	const response = await transport.request({
		method: 'GET',
		url: `${storeUrl.replace(/\/+$/, '')}/wp-json/wc/v3/reports/orders/totals`,
		headers: { accept: 'application/json' },
	});
	const body = parseJson(response.body.toString('utf8'));
	if (!Array.isArray(body)) {
		throw new VendorError('WooCommerce', 'The order totals report is not a JSON list. Check the credential URL points at the store.');
	}
	return body
		.filter((entry): entry is { slug: string; name?: string } => typeof entry?.slug === 'string')
		.map((entry) => ({ code: entry.slug, label: typeof entry.name === 'string' ? entry.name : entry.slug }));
}
