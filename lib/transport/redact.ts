const SECRET_HEADER = /^(authorization|proxy-authorization|stw-authorization|api-key|x-api-key|cookie|set-cookie)$/i;
const SECRET_QUERY = /^(consumer_key|consumer_secret|api_key|apikey|key|ws_key|token|access_token|password|secret|signature)$/i;

export function redactHeaders(headers: Record<string, string> = {}): Record<string, string> {
	const safe: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		safe[name] = SECRET_HEADER.test(name) ? '[redacted]' : value;
	}
	return safe;
}

export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.username) parsed.username = 'redacted';
		if (parsed.password) parsed.password = 'redacted';
		for (const name of [...parsed.searchParams.keys()]) {
			if (SECRET_QUERY.test(name)) parsed.searchParams.set(name, 'redacted');
		}
		return parsed.toString();
	} catch {
		return url.replace(/\/\/[^/@]*@/, '//[redacted]@');
	}
}

/** A copy of a JSON value with every secret-named field (password, api_key, token…) redacted, at any depth. */
export function redactFields(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redactFields);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([name, field]) => [name, SECRET_QUERY.test(name) ? '[redacted]' : redactFields(field)]),
	);
}
