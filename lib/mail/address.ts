/** One line of header text: CR, LF and other control characters become spaces, so nothing can start a header. */
export function safeHeaderText(value: string): string {
	// eslint-disable-next-line no-control-regex
	return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

/** A name and address for nodemailer, which encodes the name; the name is one line, the address validated. */
export interface Mailbox {
	name: string;
	address: string;
}

export class InvalidAddressError extends Error {
	constructor(
		readonly value: string,
		readonly field: string,
	) {
		super(`Invalid e-mail address ${JSON.stringify(value.slice(0, 200))} in ${field}`);
		this.name = 'InvalidAddressError';
	}
}

// Dot-atom local part and a dotted domain of letters, digits and hyphens (IDN allowed): no spaces, quotes,
// brackets, commas or control characters, so the address cannot carry a second recipient or a header.
const ADDRESS = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,63}$/u;

export function isValidAddress(value: string): boolean {
	return value.length <= 254 && ADDRESS.test(value);
}

/** One address as given (trimmed), or an error naming the field it came from. */
export function checkAddress(value: unknown, field: string): string {
	const address = typeof value === 'string' ? value.trim() : '';
	if (!isValidAddress(address)) throw new InvalidAddressError(typeof value === 'string' ? value : String(value ?? ''), field);
	return address;
}

/** A list of addresses separated by commas, semicolons or whitespace; every one must be valid. */
export function checkAddressList(value: unknown, field: string): string[] {
	const parts = (typeof value === 'string' ? value : '').split(/[\s,;]+/).filter(Boolean);
	if (parts.length === 0) throw new InvalidAddressError(typeof value === 'string' ? value : '', field);
	return [...new Set(parts.map((part) => checkAddress(part, field)))];
}

export function mailbox(address: string, name?: string): Mailbox {
	return { name: safeHeaderText(name ?? ''), address };
}
