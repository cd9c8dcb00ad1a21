import { addAddressBookRequest, addOrderRequest, dataPack, listAddressBookRequest, updateRegionRequest } from '../../../lib/connectors/pohoda';
import type { Order } from '../../../lib/model';
import { describeWith } from '../../helpers/requires';
import { pohodaSchemasMissing, validateDataPacks } from '../../helpers/xsd';

const NASTY = `O'Brien & <Söhne> "Щука" ${'x'.repeat(120)}`;
const header = { id: 'adb-1', ico: '12345678', application: 'jest', note: '' };
const pack = (body: string) => dataPack(header, [{ id: '1', body }]);

const order: Order = {
	system: 'zzap',
	id: '880101',
	externalIds: { zzap: '880101' },
	status: { code: '1' },
	customer: { name: NASTY, email: "o'brien@example.ru", phone: '+7 916 123-45-67', region: NASTY, country: 'ru', companyId: '7701234567' },
	lines: [{ name: 'Filter', sku: 'W712/95', quantity: 2, unitPrice: 690, offer: { supplier: NASTY, price: 410.5, deliveryDays: 2 } }],
};

const documents: Record<string, string> = {
	'list by IČO': pack(listAddressBookRequest({ by: 'ico', value: '7701234567' })),
	'list by e-mail with a quote': pack(listAddressBookRequest({ by: 'email', value: NASTY })),
	'list by phone': pack(listAddressBookRequest({ by: 'phone', value: '+7 916 123-45-67' })),
	'add a customer with region': pack(addAddressBookRequest({ customer: order.customer, ico: '7701234567', region: NASTY })),
	'update a region': pack(updateRegionRequest(7, NASTY)),
	'order linked to an address with offer notes': pack(
		addOrderRequest(order, '880101', { externalSystem: 'zzap', pricesIncludeVat: true, linkStockItems: false, addressBookId: 7 }),
	),
};

describeWith('POHODA schemas and xmllint', pohodaSchemasMissing(), () => {
	it('writes address book requests and linked orders that POHODA’s XSDs accept', async () => {
		const results = await validateDataPacks(Object.values(documents));
		expect(Object.fromEntries(Object.keys(documents).map((name, i) => [name, results[i]]))).toEqual(
			Object.fromEntries(Object.keys(documents).map((name) => [name, []])),
		);
	});

	it('the schemas do refuse an address book request that breaks them', async () => {
		const broken = pack(updateRegionRequest(7, 'x').replace('<adb:actionType>', '<adb:actionType><adb:add/>'));
		const [errors] = await validateDataPacks([broken]);
		expect(errors.length).toBeGreaterThan(0);
	});
});

it('doubles quotes inside the SQL query and references the address by typ:id first', () => {
	expect(listAddressBookRequest({ by: 'email', value: "a'b@x.cz" })).toContain('AD.Email = &apos;a&apos;&apos;b@x.cz&apos;');
	expect(listAddressBookRequest({ by: 'phone', value: '1' })).toContain('AD.Tel = &apos;1&apos; OR AD.Mobil = &apos;1&apos;');
	expect(addOrderRequest(order, '1', { externalSystem: 'zzap', pricesIncludeVat: true, linkStockItems: false, addressBookId: 7 })).toContain(
		'<ord:partnerIdentity><typ:id>7</typ:id><typ:address>',
	);
});
