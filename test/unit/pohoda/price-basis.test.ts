import { detectChanges, snapshotOf } from '../../../lib/changes/detect';
import { toOrder } from '../../../lib/connectors/pohoda/mapping';
import type { WireOrder, WireOrderItem } from '../../../lib/connectors/pohoda/wire';

const item = (payVAT: string | undefined, unitPrice = '121'): WireOrderItem => ({
	id: '1',
	text: 'Čaj',
	code: 'CAJ',
	quantity: '2',
	...(payVAT === undefined ? {} : { payVAT }),
	homeCurrency: { unitPrice, priceSum: String(Number(unitPrice) * 2) },
});
const wire = (...items: WireOrderItem[]): WireOrder => ({ orderHeader: { id: '5' }, orderDetail: { orderItem: items } });

describe('whether POHODA line prices include VAT (ord:payVAT)', () => {
	test('read from the lines: true, false, false when absent (the schema default), unknown when the lines differ', () => {
		expect(toOrder(wire(item('true'))).linePricesIncludeTax).toBe(true);
		expect(toOrder(wire(item('false'))).linePricesIncludeTax).toBe(false);
		expect(toOrder(wire(item(undefined))).linePricesIncludeTax).toBe(false);
		expect(toOrder(wire(item('true'), { ...item('false'), code: 'MED' })).linePricesIncludeTax).toBeUndefined();
	});

	test("an edited event's line diff carries the prices' currency and tax basis", () => {
		const before = toOrder(wire(item('false', '100')), { homeCurrency: 'CZK' });
		const after = toOrder(wire(item('false', '82.56')), { homeCurrency: 'CZK' });
		const [edited] = detectChanges(snapshotOf(before), after);
		expect(edited.kind).toBe('edited');
		expect(edited.lineDiff).toMatchObject({ currency: 'CZK', pricesIncludeTax: false, changed: [{ unitPriceBefore: 100, unitPriceAfter: 82.56 }] });
	});
});
