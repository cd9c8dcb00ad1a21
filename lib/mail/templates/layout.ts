/** A customer letter: the greeting, the body and a closing signed with the shop name. */
export function letter(body: string, closing: string): string {
	return `<p>{{greeting}}</p>\n${body}\n<p>${closing}<br>{{shopName}}</p>`;
}

/** A note to the merchant's staff: no greeting, the facts first. */
export function memo(body: string): string {
	return body;
}
