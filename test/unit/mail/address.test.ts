import { checkAddress, checkAddressList, InvalidAddressError, isValidAddress, mailbox, safeHeaderText } from '../../../lib/mail';

describe('header-safe text and addresses', () => {
	test('CR, LF and other control characters cannot start a new header line', () => {
		expect(safeHeaderText('Order 1\r\nBcc: x@evil.example')).toBe('Order 1 Bcc: x@evil.example');
		expect(safeHeaderText('a\u0000b\tc\u2028d')).toBe('a b c d');
		expect(mailbox('a@example.com', 'Eve\nTo: x@evil.example')).toEqual({ name: 'Eve To: x@evil.example', address: 'a@example.com' });
	});

	test.each(['jan.novak@example.sk', 'o+tag@sub.example.co.uk', 'ivan@пример.рф', "o'brien@example.ie"])('accepts %s', (address) => {
		expect(isValidAddress(address)).toBe(true);
	});

	test.each([
		'a@example.com\r\nBcc: x@evil.example',
		'a@example.com, b@example.com',
		'Name <a@example.com>',
		'a@localhost',
		'a b@example.com',
		'"a"@example.com',
		'@example.com',
		'a@example..com',
		'',
	])('refuses %j', (address) => {
		expect(isValidAddress(address)).toBe(false);
	});

	test('checkAddress names the field; lists split on commas, semicolons and spaces', () => {
		expect(() => checkAddress('nope', 'Recipient Email')).toThrow(new InvalidAddressError('nope', 'Recipient Email'));
		expect(() => checkAddress('nope', 'Recipient Email')).toThrow('Invalid e-mail address "nope" in Recipient Email');
		expect(checkAddressList(' a@example.com; b@example.com,c@example.com a@example.com ', 'Managers')).toEqual([
			'a@example.com',
			'b@example.com',
			'c@example.com',
		]);
		expect(() => checkAddressList('a@example.com, oops', 'Managers')).toThrow('"oops" in Managers');
		expect(() => checkAddressList('', 'Managers')).toThrow(InvalidAddressError);
	});
});
