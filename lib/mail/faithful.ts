import type { Address, LineDiff, Order, OrderLine } from '../model';

/**
 * Whether text lost letters to a code page: an ERP storing Windows-1250 (POHODA) writes "?" for Cyrillic, Å or ø,
 * so "Åsa" arrives as "?sa" and "Ольга" as "?????". A "?" before a letter or another "?", or standing alone, is a
 * lost letter; one ending a sentence ("Ready?") is not.
 */
export function hasLostLetters(text: string | undefined): boolean {
	return !!text && /\?(?=[\p{L}\p{N}?])|(?:^|\s)\?(?=\s|$)/u.test(text);
}

/** The first of the texts that is present and lost no letters. */
function firstFaithful(...texts: Array<string | undefined>): string | undefined {
	return texts.find((text) => !!text?.trim() && !hasLostLetters(text));
}

function faithfulAddress(address: Address | undefined, better: Address | undefined): Address | undefined {
	if (!address) return better;
	const result: Address = { ...address };
	for (const key of ['name', 'company', 'street', 'city'] as const) {
		const value = firstFaithful(better?.[key], address[key]);
		if (value === undefined) delete result[key];
		else result[key] = value;
	}
	return result;
}

const lineKey = (line: Pick<OrderLine, 'sku' | 'productId'>) => line.sku ?? line.productId;

/** The whole line names of the faithful order, by SKU (or product id). */
function faithfulNames(better: Partial<Order> | undefined): Map<string, string> {
	const names = new Map<string, string>();
	for (const line of better?.lines ?? []) {
		const key = lineKey(line);
		if (key !== undefined && !hasLostLetters(line.name)) names.set(key, line.name);
	}
	return names;
}

/** A line's name from the faithful order (same SKU or product), else its own when whole, else its SKU. */
function lineName<T extends { name: string; sku?: string; productId?: string }>(line: T, better: Map<string, string>): T {
	const key = lineKey(line);
	const name = firstFaithful(key === undefined ? undefined : better.get(key), line.name) ?? line.sku ?? line.name;
	return name === line.name ? line : { ...line, name };
}

/**
 * The order as the customer may read it: names, addresses and line names from `better` (the shop's own order, which
 * keeps them faithfully) where it has them, else the order's own text unless it lost letters; a name that lost
 * letters and has no better source is dropped, so the mail greets neutrally.
 */
export function faithfulOrder(order: Order, better?: Partial<Order>): Order {
	const betterLines = faithfulNames(better);
	const name = firstFaithful(better?.customer?.name, better?.billingAddress?.name, order.customer?.name);
	const customer = { ...order.customer };
	if (name === undefined) delete customer.name;
	else customer.name = name;
	const result: Order = { ...order, customer, lines: (order.lines ?? []).map((line) => lineName(line, betterLines)) };
	const billing = faithfulAddress(order.billingAddress, better?.billingAddress);
	if (billing) result.billingAddress = billing;
	const shipping = faithfulAddress(order.shippingAddress, better?.shippingAddress);
	if (shipping) result.shippingAddress = shipping;
	return result;
}

/** The line diff with line names as `faithfulOrder` gives them. */
export function faithfulLineDiff(diff: LineDiff | undefined, better?: Partial<Order>): LineDiff | undefined {
	if (!diff) return undefined;
	const names = faithfulNames(better);
	return {
		added: diff.added.map((line) => lineName(line, names)),
		removed: diff.removed.map((line) => lineName(line, names)),
		changed: diff.changed.map((change) => lineName(change, names)),
	};
}
