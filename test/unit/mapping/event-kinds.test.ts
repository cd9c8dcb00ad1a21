import { StatusMapper, type MapperConfig } from '../../../lib/mapping';
import type { Order } from '../../../lib/model';

const order = (status: string, extra: Partial<Order> = {}): Order => ({
	system: 'optima',
	id: 'ZO/1',
	externalIds: { shop: '1001' },
	status: { code: status },
	customer: { email: 'jana@example.sk' },
	lines: [],
	...extra,
});

const event = (kind: string, o: Order) => ({ kind, system: o.system, newStatus: o.status, changedAt: '2026-11-22T10:00:00Z', order: o });

const config = (extra: Partial<MapperConfig> = {}): MapperConfig => ({
	rows: [
		{ source: 'W realizacji', target: 'processing', canonical: 'processing', notify: false, event: 'order_confirmation' },
		{ source: 'Nowe', target: 'pending', canonical: 'new', notify: false },
	],
	sourceSystem: 'optima',
	targetSystem: 'woocommerce',
	direction: 'both',
	notifyOnShipped: true,
	...extra,
});

const tracked = order('W realizacji', { tracking: [{ number: 'DPD123', url: 'https://dpd.example/DPD123' }] });

describe('Order Status Mapper: shipped and created events', () => {
	it('a shipped event keeps the mapped status, is canonically shipped and mails the shipped mail', async () => {
		const outcome = await new StatusMapper(config()).map({ json: event('shipped', tracked) });
		expect(outcome).toMatchObject({ kind: 'mapped', status: { to: 'processing', canonical: 'shipped' }, notify: { event: 'shipped', enabled: true } });
	});

	it('a row with Source Status "shipped" sets the shop\'s shipped status', async () => {
		const rows = [...config().rows, { source: 'shipped', target: 'wc-shipped', notify: false }];
		const outcome = await new StatusMapper(config({ rows })).map({ json: event('shipped', tracked) });
		expect(outcome).toMatchObject({ kind: 'mapped', status: { to: 'wc-shipped', canonical: 'shipped', matchedBy: 'derived' }, notify: { event: 'shipped', enabled: true } });
	});

	it('Notify on Shipped off maps the event without a mail; a status change of the same order still mails by its row', async () => {
		const mapper = new StatusMapper(config({ notifyOnShipped: false }));
		expect(await mapper.map({ json: event('shipped', tracked) })).toMatchObject({ notify: { event: null, enabled: false } });
		expect(await mapper.map({ json: event('status_changed', tracked) })).toMatchObject({ status: { canonical: 'processing' }, notify: { enabled: false } });
	});

	it('a created event mails our order confirmation only when asked', async () => {
		const created = event('created', order('Nowe'));
		expect(await new StatusMapper(config()).map({ json: created })).toMatchObject({ notify: { enabled: false } });
		expect(await new StatusMapper(config({ confirmCreated: true })).map({ json: created })).toMatchObject({
			kind: 'mapped',
			notify: { event: 'order_confirmation', enabled: true },
		});
		// Not for other kinds
		expect(await new StatusMapper(config({ confirmCreated: true })).map({ json: event('status_changed', order('Nowe')) })).toMatchObject({ notify: { enabled: false } });
	});

	it('a realised order is out of the "not yet realised" scope: its shipped mail is not sent', async () => {
		const realised = { ...tracked, documents: { salesDocument: 'FS 3/2026' } };
		const outcome = await new StatusMapper(config({ scope: { notRealised: true, timezone: 'Europe/Warsaw' } })).map({ json: event('shipped', realised) });
		expect(outcome).toMatchObject({ kind: 'outOfScope', reason: 'already realised (sales document FS 3/2026)', notify: { enabled: false } });
	});
});
