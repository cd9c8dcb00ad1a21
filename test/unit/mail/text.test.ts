import { htmlToText } from '../../../lib/mail';

describe('htmlToText', () => {
	test('paragraphs, line breaks, links, lists, tables and entities', () => {
		const markup =
			'<html><head><title>T</title><style>p{color:red}</style></head><body>' +
			'<p>Dear Anna,</p><p>line one<br>line two &amp; more&nbsp;&#8364; &#x2192;</p>' +
			'<p><a href="https://t.example/?a=1&amp;b=2">Track</a> and <a href="https://same.example">https://same.example</a></p>' +
			'<ul><li>Added: Cup</li><li>Removed: Mug</li></ul>' +
			'<table><thead><tr><th>Item</th><th>Qty</th></tr></thead><tbody><tr><td>Cup</td><td>2</td></tr></tbody></table>' +
			'</body></html>';
		expect(htmlToText(markup)).toBe(
			[
				'Dear Anna,',
				'',
				'line one',
				'line two & more € →',
				'',
				'Track (https://t.example/?a=1&b=2) and https://same.example',
				'',
				'- Added: Cup',
				'- Removed: Mug',
				'',
				'Item | Qty',
				'Cup | 2',
			].join('\n'),
		);
	});

	test('escaped markup in text stays text', () => {
		expect(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<script>alert(1)</script>');
	});
});
