import * as iconv from 'iconv-lite';
import { parseOrderList, parseResponsePack, parseStatus } from '../../../lib/connectors/pohoda';
import { VendorAnswerError } from '../../../lib/transport';

const NS = ['rsp:response', 'lst:list', 'ord:order']
	.map((e) => ` xmlns:${e.split(':')[0]}="http://www.stormware.cz/schema/version_2/${e.split(':')[1]}.xsd"`)
	.join('');
const DECLARATION = '<?xml version="1.0" encoding="Windows-1250"?>\n';
const SECRET = 'SECRET-FROM-ENTITY';

const listBody = (note: string, between = '') =>
	`<rsp:responsePack version="2.0" id="p1" state="ok" ico="12345678"${NS}><rsp:responsePackItem version="2.0" id="1" state="ok">` +
	`<lst:listOrder version="2.0" state="ok" dateTimeStamp="2026-11-22T10:00:00"><lst:order version="2.0"><ord:orderHeader><ord:id>5</ord:id>` +
	`<ord:note>${note}</ord:note></ord:orderHeader></lst:order>${between}<lst:order version="2.0"><ord:orderHeader><ord:id>6</ord:id>` +
	`</ord:orderHeader></lst:order></lst:listOrder></rsp:responsePackItem></rsp:responsePack>`;
const win1250 = (xml: string) => iconv.encode(xml, 'win1250');

const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');

/** Answers with a DOCTYPE: each would put the entity's text (or a file, or 10^9 copies) into the note if expanded. */
const withDoctype: Record<string, Buffer> = {
	'an internal entity': win1250(`${DECLARATION}<!DOCTYPE rsp:responsePack [<!ENTITY e "${SECRET}">]>${listBody('&e;')}`),
	'an external entity (a file)': win1250(`${DECLARATION}<!DOCTYPE rsp:responsePack [<!ENTITY e SYSTEM "file:///etc/passwd">]>${listBody('&e;')}`),
	'an external DTD': win1250(`${DECLARATION}<!DOCTYPE rsp:responsePack SYSTEM "http://127.0.0.1:9/evil.dtd">${listBody('&e;')}`),
	'a parameter entity': win1250(`${DECLARATION}<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>${listBody('x')}`),
	'billion laughs': win1250(`${DECLARATION}<!DOCTYPE r [<!ENTITY l0 "${SECRET}">${laughs}]>${listBody('&l9;')}`),
	'a DOCTYPE without the declaration, in lower case': win1250(`<!doctype r [<!entity e "${SECRET}">]>${listBody('&e;')}`),
	'a DOCTYPE between two orders': win1250(`${DECLARATION}${listBody('x', `<!DOCTYPE r [<!ENTITY e "${SECRET}">]>`)}`),
	'a DOCTYPE in UTF-8': Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE r [<!ENTITY e "${SECRET}">]>${listBody('Žluť &e;')}`, 'utf8'),
};

function refusal(read: () => unknown): VendorAnswerError {
	try {
		read();
	} catch (error) {
		if (error instanceof VendorAnswerError) return error;
		throw error;
	}
	throw new Error('the answer was accepted');
}

describe('POHODA answers with a DOCTYPE are refused before parsing', () => {
	it.each(Object.entries(withDoctype))('%s', (_name, answer) => {
		const started = process.hrtime.bigint();
		for (const read of [() => parseOrderList(answer), () => parseResponsePack(answer)]) {
			const error = refusal(read);
			expect(error.message).toMatch(/document type declaration \(<!(DOCTYPE|ENTITY)\).*refused unread, so no entity in it was expanded/);
			expect(error.message).not.toContain(SECRET);
		}
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
	});

	it('the status document too', () => {
		const status = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE mServer [<!ENTITY e "${SECRET}">]><mServer><status>&e;</status></mServer>`;
		expect(refusal(() => parseStatus(Buffer.from(status))).message).toMatch(/document type declaration/);
	});

	it('comments and CDATA are still read', () => {
		const page = parseOrderList(win1250(`${DECLARATION}<!-- export -->${listBody('<![CDATA[Čaj <zelený> & spol.]]>')}`));
		expect(page.orders.map((o) => o.orderHeader?.id)).toEqual(['5', '6']);
		expect(String(page.orders[0].orderHeader?.note)).toContain('Čaj <zelený> & spol.');
	});
});

describe('POHODA answers that are not mServer XML', () => {
	it('UTF-16 (with or without a byte order mark) is named as the wrong encoding', () => {
		const xml = `<?xml version="1.0" encoding="UTF-16"?>${listBody('Žluť')}`;
		for (const answer of [iconv.encode(xml, 'utf16le', { addBOM: true }), iconv.encode(xml, 'utf16be', { addBOM: true }), iconv.encode(xml, 'utf16le')]) {
			expect(refusal(() => parseOrderList(answer)).message).toMatch(/NUL bytes, so not in Windows-1250 or UTF-8.*probably UTF-16/);
		}
	});

	it('Windows-1250 declared over UTF-8 bytes, and UTF-8 declared over Windows-1250 bytes', () => {
		const utf8Bytes = Buffer.from(`${DECLARATION}${listBody('Žluťoučký kůň')}`, 'utf8');
		expect(refusal(() => parseOrderList(utf8Bytes)).message).toMatch(/declares Windows-1250 but whose bytes are UTF-8/);
		const win1250Bytes = win1250(`<?xml version="1.0" encoding="UTF-8"?>${listBody('Žluťoučký kůň')}`);
		expect(refusal(() => parseOrderList(win1250Bytes)).message).toMatch(/declares UTF-8 but is not UTF-8/);
	});

	it('an encoding that does not write markup as ASCII is refused', () => {
		const answer = iconv.encode(`<?xml version="1.0" encoding="UTF-7"?>${listBody('x')}`, 'latin1');
		expect(refusal(() => parseResponsePack(answer)).message).toMatch(/in utf-7, which mServer never sends/);
	});

	it('an HTML login page, also as XHTML with an XML declaration or without a content type', () => {
		const pages = [
			'<!DOCTYPE html><html><head><title>Přihlášení</title></head><body><form>Login</form></body></html>',
			'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><body>Login</body></html>',
			'<html><body>Sign in</body></html>',
		];
		for (const page of pages) {
			expect(refusal(() => parseResponsePack(Buffer.from(page))).message).toMatch(/HTML page instead of XML.*mServer address/);
			expect(refusal(() => parseStatus(Buffer.from(page), 'application/xml')).message).toMatch(/HTML page instead of XML/);
		}
	});
});
