import { escapeHtml, html, placeholdersIn, renderTemplate, UnknownPlaceholderError } from '../../../lib/mail';

describe('renderTemplate', () => {
	const values = { name: '<b>"Tom" & \'Jerry\'</b>', table: html('<table><tr><td>x</td></tr></table>', 'x') };

	test('escapes plain values in HTML and keeps HTML values as they are', () => {
		expect(renderTemplate('<p>{{name}}</p>{{ table }}', values, 'html', 't')).toBe(
			'<p>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p><table><tr><td>x</td></tr></table>',
		);
	});

	test('text mode leaves plain values alone and uses the text form of HTML values', () => {
		expect(renderTemplate('{{name}} / {{table}}', values, 'text', 't')).toBe('<b>"Tom" & \'Jerry\'</b> / x');
	});

	test('an unknown placeholder throws, naming it, where it was, and the known ones', () => {
		const error = (() => {
			try {
				renderTemplate('Hi {{nmae}}', values, 'html', 'the subject');
			} catch (e) {
				return e as UnknownPlaceholderError;
			}
			throw new Error('no error');
		})();
		expect(error).toBeInstanceOf(UnknownPlaceholderError);
		expect(error.message).toBe('Unknown placeholder {{nmae}} in the subject');
		expect(error.placeholder).toBe('nmae');
		expect(error.hint).toContain('{{name}}, {{table}}');
	});

	test('an empty value renders empty, a missing one does not', () => {
		expect(renderTemplate('[{{v}}]', { v: '' }, 'html', 't')).toBe('[]');
		expect(() => renderTemplate('[{{v}}]', {}, 'html', 't')).toThrow('{{v}}');
	});

	test('a value that looks like a placeholder is not expanded again', () => {
		expect(renderTemplate('{{a}}', { a: '{{b}}', b: 'no' }, 'html', 't')).toBe('{{b}}');
	});

	test('placeholdersIn and escapeHtml', () => {
		expect(placeholdersIn('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
		expect(escapeHtml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&#39;');
	});
});
