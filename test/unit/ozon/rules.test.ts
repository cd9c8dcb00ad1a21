import type { Order } from '../../../lib/model';
import { availableFor, decideByStock, decisionFor, decisionsFrom, orderWith, selectPositions } from '../../../lib/rules';

const order: Order = {
	system: 'ozon',
	id: 'P-1',
	externalIds: { ozon: 'P-1' },
	status: { code: 'awaiting_packaging' },
	customer: { id: 'ozon', name: 'Ozon' },
	lines: [
		{ id: '1001', sku: 'BRK-PAD-01', productId: '1001', name: 'Brake pads', quantity: 2, unitPrice: 2490, total: 4980 },
		{ id: '1002', sku: 'OIL-FLT-07', productId: '1002', name: 'Oil filter', quantity: 1, unitPrice: 690.5, total: 690.5 },
	],
	totals: { gross: 5670.5 },
};
const single: Order = { ...order, lines: [order.lines[0]] };

describe('decideByStock', () => {
	it('accepts a position whose offer covers the quantity and rejects one that falls short', () => {
		const decision = decideByStock(order, { 'BRK-PAD-01': 2, 'OIL-FLT-07': 0 }, { allowPartial: true });
		expect(decision.outcome).toBe('partial');
		expect(decision.positions.map((p) => [p.positionId, p.decision, p.available])).toEqual([
			['1001', 'accepted', 2],
			['1002', 'rejected', 0],
		]);
		expect(decision.positions[1].why).toBe('offer has only 0, ordered 1');
	});

	it('reads stock from a list of price-list rows by article or marketplace SKU', () => {
		const rows = [
			{ code: 'brk-pad-01', stock: '10' },
			{ productId: '1002', available: 1 },
		];
		expect(decideByStock(order, rows, { allowPartial: true }).outcome).toBe('accepted');
	});

	it('rejects a position without any offer and the whole order when partial acceptance is off', () => {
		const decision = decideByStock(order, { 'BRK-PAD-01': 9 }, { allowPartial: false });
		expect(decision.outcome).toBe('rejected');
		expect(decision.positions.map((p) => p.why)).toEqual([
			'offer has 9, ordered 2; rejected with the rest because partial acceptance is off',
			'no offer for this article',
		]);
	});

	it('takes a plain number or a single price-list row for a one-position order only', () => {
		expect(decideByStock(single, 2, { allowPartial: true }).outcome).toBe('accepted');
		expect(decideByStock(single, '1', { allowPartial: true }).outcome).toBe('rejected');
		expect(decideByStock(single, { stock: 3, price: 2000 }, { allowPartial: true }).outcome).toBe('accepted');
		expect(() => decideByStock(order, 5, { allowPartial: true })).toThrow(/one number for an order with 2 positions is ambiguous/);
	});

	it('does not take a non-numeric stock as an offer', () => {
		expect(availableFor({ 'BRK-PAD-01': 'plenty' }, order.lines[0], 2)).toBeUndefined();
		expect(availableFor(null, order.lines[0], 2)).toBeUndefined();
	});
});

describe('positions and decisions', () => {
	it('selects positions by SKU or article, with an optional quantity', () => {
		expect(selectPositions(order, '1001, oil-flt-07:1')).toEqual([
			{ positionId: '1001', quantity: 2 },
			{ positionId: '1002', quantity: 1 },
		]);
		expect(selectPositions(order, ['1001:1'])).toEqual([{ positionId: '1001', quantity: 1 }]);
		expect(() => selectPositions(order, 'NOPE')).toThrow('order P-1 has no position "NOPE"; its positions are 1001 (BRK-PAD-01), 1002 (OIL-FLT-07)');
		expect(() => selectPositions(order, '1001:3')).toThrow(/must be a whole number from 1 to 2/);
		expect(() => selectPositions(order, ' ')).toThrow(/no positions given/);
	});

	it('reads decisions made elsewhere as a list or an object', () => {
		const fromList = decisionsFrom(order, [{ positionId: '1001', decision: 'accept' }, { sku: 'OIL-FLT-07', decision: 'Rejected' }]);
		expect(fromList.positions.map((p) => [p.positionId, p.decision])).toEqual([
			['1001', 'accepted'],
			['1002', 'rejected'],
		]);
		expect(decisionsFrom(order, { positions: [{ positionId: '1002', decision: 'no' }] }).outcome).toBe('rejected');
		expect(decisionsFrom(order, { 'BRK-PAD-01': 'yes' }).outcome).toBe('accepted');
		expect(() => decisionsFrom(order, 'accept all')).toThrow(/decisions must be a list/);
		expect(() => decisionsFrom(order, [])).toThrow(/no decisions given/);
	});

	it('builds the accepted and rejected part of an order with their totals', () => {
		const decision = decisionFor(order, [{ positionId: '1002', quantity: 1 }], 'accepted', 'rejected');
		expect(orderWith(order, decision, 'accepted')).toMatchObject({ lines: [{ sku: 'OIL-FLT-07', quantity: 1, total: 690.5 }], totals: { gross: 690.5 } });
		expect(orderWith(order, decision, 'rejected')).toMatchObject({ lines: [{ sku: 'BRK-PAD-01', quantity: 2 }], totals: { gross: 4980 } });
		const gone = { ...order, lines: [order.lines[1]] };
		expect(orderWith(gone, decision, 'rejected').lines).toEqual([{ id: '1001', sku: 'BRK-PAD-01', name: 'Brake pads', quantity: 2, total: undefined }]);
	});
});
