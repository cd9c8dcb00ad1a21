import { FieldMappingError, rowToOrder, type GenericFieldMapping } from '../../../lib/connectors/generic-erp/mapping';
import { detectChanges, snapshotOf } from '../../../lib/changes/detect';
import { chooseLanguage } from '../../../lib/mail';
import { checkScope } from '../../../lib/scope';

const mapping: GenericFieldMapping = {
	system: 'optima',
	orderId: 'id',
	status: 'status',
	trackingNumber: 'parcel.number',
	carrier: 'parcel.carrier',
	trackingUrl: 'parcel.url',
	realised: 'salesDocument',
	language: 'lang',
	country: 'country',
};

describe('generic ERP rows: tracking, realised, language and country', () => {
	it('reads the optional fields into the order', () => {
		const order = rowToOrder(
			{ id: 'ZO/1', status: 'Wysłane', parcel: { number: ' 00340434 ', carrier: 'InPost', url: 'https://inpost.pl/?n=00340434' }, salesDocument: 'FS 12/2026', lang: 'pl-PL', country: 'pl' },
			mapping,
		);
		expect(order.tracking).toEqual([{ number: '00340434', carrier: 'InPost', url: 'https://inpost.pl/?n=00340434' }]);
		expect(order.documents).toEqual({ salesDocument: 'FS 12/2026' });
		expect(order.customer).toEqual({ language: 'pl-PL', country: 'PL' });
	});

	it('leaves them out when the row has them empty, and carrier or URL without a number make no tracking', () => {
		const order = rowToOrder({ id: 'ZO/2', status: 'Nowe', parcel: { number: '', carrier: 'DPD' }, salesDocument: null, lang: ' ' }, mapping);
		expect(order.tracking).toBeUndefined();
		expect(order.documents).toBeUndefined();
		expect(order.customer).toEqual({});
	});

	it('names the field when it holds an object', () => {
		const read = () => rowToOrder({ id: 'ZO/3', status: 'Nowe', salesDocument: { number: 'FS 1' } }, mapping);
		expect(read).toThrow(FieldMappingError);
		expect(read).toThrow('the realised field "salesDocument" holds an object, not a value');
	});

	it('a Slovak row is mailed in Slovak from its language, a row with only a country in that country\'s language', () => {
		const sk = rowToOrder({ id: 'A', status: 'Nowe', lang: 'sk' }, mapping);
		const cz = rowToOrder({ id: 'B', status: 'Nowe', country: 'cz' }, mapping);
		expect(chooseLanguage(sk, 'pl')).toEqual({ language: 'sk', source: 'customer' });
		expect(chooseLanguage(cz, 'pl')).toEqual({ language: 'cs', source: 'country' });
	});

	it('a row with a sales document is out of the "not yet realised" scope; one without is in', () => {
		const realised = rowToOrder({ id: 'A', status: 'Zrealizowany', salesDocument: 'PA 7/2026' }, mapping);
		const open = rowToOrder({ id: 'B', status: 'Nowe' }, mapping);
		expect(checkScope({ order: realised }, { notRealised: true, timezone: 'Europe/Warsaw' })).toEqual({
			inScope: false,
			reason: 'already realised (sales document PA 7/2026)',
		});
		expect(checkScope({ order: open }, { notRealised: true, timezone: 'Europe/Warsaw' })).toEqual({ inScope: true });
	});

	it('a tracking number appearing is one "shipped" event; seen again it is none', () => {
		const before = rowToOrder({ id: 'A', status: 'W realizacji' }, mapping);
		const after = rowToOrder({ id: 'A', status: 'W realizacji', parcel: { number: 'DPD123' } }, mapping);
		const events = detectChanges(snapshotOf(before), after, undefined, { shipped: true });
		expect(events.map((e) => [e.kind, e.order.tracking])).toEqual([['shipped', [{ number: 'DPD123' }]]]);
		expect(detectChanges(snapshotOf(after), after, undefined, { shipped: true })).toEqual([]);
	});

	it('a snapshot of a version that did not record shipping mails no old parcel, and without the option there is no shipped event', () => {
		const after = rowToOrder({ id: 'A', status: 'W realizacji', parcel: { number: 'DPD123' } }, mapping);
		const { shipped: _unrecorded, ...old } = snapshotOf(rowToOrder({ id: 'A', status: 'W realizacji' }, mapping));
		expect(detectChanges(old, after, undefined, { shipped: true })).toEqual([]);
		expect(detectChanges(snapshotOf(rowToOrder({ id: 'A', status: 'W realizacji' }, mapping)), after)).toEqual([]);
	});
});
