import { diffLines, isEmptyDiff, lineKey } from '../../../lib/model';
import { detectChanges, snapshotOf } from '../../../lib/changes/detect';
import type { Order } from '../../../lib/model';

const order = (over: Partial<Order> = {}): Order => ({
	system: 'pohoda',
	id: '17',
	externalIds: {},
	status: { code: 'new' },
	customer: {},
	lines: [
		{ sku: 'A-1', name: 'Brake pad', quantity: 2, unitPrice: 10 },
		{ sku: 'B-2', name: 'Oil filter', quantity: 1, unitPrice: 5.5 },
	],
	...over,
});

describe('diffLines', () => {
	it('matches lines by SKU regardless of case and spaces', () => {
		expect(lineKey({ sku: ' a-1 ', name: 'x', quantity: 1 })).toBe(lineKey({ sku: 'A-1', name: 'y', quantity: 3 }));
	});

	it('reports added, removed and changed lines', () => {
		const diff = diffLines(order().lines, [
			{ sku: 'A-1', name: 'Brake pad', quantity: 3, unitPrice: 10 },
			{ sku: 'C-3', name: 'Wiper', quantity: 1, unitPrice: 7 },
		]);
		expect(diff.added.map((l) => l.sku)).toEqual(['C-3']);
		expect(diff.removed.map((l) => l.sku)).toEqual(['B-2']);
		expect(diff.changed).toEqual([{ key: 'sku:a-1', sku: 'A-1', name: 'Brake pad', quantityBefore: 2, quantityAfter: 3 }]);
	});

	it('sums duplicate lines of one SKU before comparing', () => {
		const split = [
			{ sku: 'A-1', name: 'Brake pad', quantity: 1, unitPrice: 10 },
			{ sku: 'A-1', name: 'Brake pad', quantity: 1, unitPrice: 10 },
		];
		expect(isEmptyDiff(diffLines([{ sku: 'A-1', name: 'Brake pad', quantity: 2, unitPrice: 10 }], split))).toBe(true);
	});

	it('reports a price change and ignores sub-cent noise', () => {
		expect(diffLines(order().lines, [order().lines[0], { ...order().lines[1], unitPrice: 5.501 }]).changed).toEqual([]);
		const changed = diffLines(order().lines, [order().lines[0], { ...order().lines[1], unitPrice: 6 }]).changed;
		expect(changed[0]).toMatchObject({ sku: 'B-2', unitPriceBefore: 5.5, unitPriceAfter: 6 });
	});
});

describe('detectChanges', () => {
	it('reports an order never seen as created', () => {
		expect(detectChanges(undefined, order()).map((e) => e.kind)).toEqual(['created']);
	});

	it('reports nothing when nothing changed', () => {
		expect(detectChanges(snapshotOf(order()), order())).toEqual([]);
	});

	it('names completion and cancellation by the canonical status', () => {
		const before = snapshotOf(order());
		const completed = detectChanges(before, order({ status: { code: 'executed' }, canonicalStatus: 'completed' }));
		expect(completed).toMatchObject([{ kind: 'completed', previousStatus: { code: 'new' }, newStatus: { code: 'executed' } }]);
		const cancelled = detectChanges(before, order({ status: { code: 'storno' }, canonicalStatus: 'cancelled' }));
		expect(cancelled.map((e) => e.kind)).toEqual(['cancelled']);
		const other = detectChanges(before, order({ status: { code: 'processing' }, canonicalStatus: 'processing' }));
		expect(other.map((e) => e.kind)).toEqual(['status_changed']);
	});

	it('reports a status change and an edit together as two events', () => {
		const next = order({ status: { code: 'processing' }, lines: order().lines.slice(0, 1) });
		const events = detectChanges(snapshotOf(order()), next);
		expect(events.map((e) => e.kind)).toEqual(['status_changed', 'edited']);
		expect(events[1].lineDiff?.removed.map((l) => l.sku)).toEqual(['B-2']);
	});
});
