import { DateTime } from 'luxon';
import { ErpOrderStatus } from '../../../nodes/ErpOrderStatus/ErpOrderStatus.node';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';
import { execute } from '../../helpers/n8n-context';

describe('ERP Order Status (Generic) → Order Status Mapper: "created within X days" over ERP rows', () => {
	const zone = 'America/New_York';
	// Local times without offset, as a Comarch Optima query returns them.
	const local = (date: DateTime) => date.setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss');
	const rows = [
		{ id: 'ZO/1', status: 'Zrealizowany', created: local(DateTime.now().minus({ hours: 2 })) },
		{ id: 'ZO/2', status: 'Zrealizowany', created: local(DateTime.now().minus({ days: 400 })) },
	];

	it('keeps the recent order and drops the one created long ago', async () => {
		const erp = await execute(new ErpOrderStatus(), {
			parameters: { erp: 'generic', operation: 'detectChanges', system: 'enova365', fields: { mapping: { orderId: 'id', status: 'status', createdAt: 'created' } } },
			items: rows.map((json) => ({ json })),
			timezone: zone,
			workflowId: 'erp-generic-created-at',
		});
		const events = erp.output[0];
		expect(events.map((item) => (item.json.order as { createdAt?: string }).createdAt)).toEqual(
			rows.map((row) => DateTime.fromSQL(row.created, { zone }).toUTC().toISO()),
		);

		const mapped = await execute(new OrderStatusMapper(), {
			parameters: {
				operation: 'mapStatus',
				sourceSystem: 'enova365',
				targetSystem: 'woocommerce',
				direction: 'sourceToTarget',
				mappings: { rows: [{ source: 'Zrealizowany', target: 'completed', canonical: 'completed', notify: true, event: 'completed' }] },
				options: { createdWithinDays: 30 },
			},
			items: events,
			timezone: zone,
			workflowId: 'erp-generic-created-at-mapper',
		});
		expect(mapped.output[0].map((item) => [(item.json.order as { id: string }).id, (item.json.status as { to: string }).to, item.pairedItem])).toEqual([
			['ZO/1', 'completed', { item: 0 }],
		]);
	});
});
