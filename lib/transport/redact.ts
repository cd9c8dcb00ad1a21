const SECRET_HEADER = /^(authorization|proxy-authorization|stw-authorization|api-key|x-api-key|cookie|set-cookie)$/i;
const SECRET_QUERY = /^(consumer_key|consumer_secret|api_key|apikey|key|token|access_token|password|secret|signature)$/i;

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
