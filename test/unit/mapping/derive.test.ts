import { deriveStatus } from '../../../lib/mapping';
import type { Order, OrderLine } from '../../../lib/model';

const order = (lines: Array<Partial<OrderLine>>, tracking?: Order['tracking']): Order => ({
	system: 'pohoda',
	id: '1',
	externalIds: {},
	status: { code: 'processing' },
	customer: {},
	lines: lines.map((line, i) => ({ name: `line ${i}`, quantity: 1, ...line })),
	tracking,
});

describe('derived statuses', () => {
	const all = ['shipped', 'backordered', 'ready'] as const;

	it('is ready only when every line reports nothing backordered', () => {
		expect(deriveStatus(order([{ backordered: 0 }, { backordered: 0 }]), all)).toBe('ready');
		expect(deriveStatus(order([{ backordered: 0 }, {}]), all)).toBeUndefined();
		expect(deriveStatus(order([]), all)).toBeUndefined();
	});

	it('is backordered when any line is', () => {
		expect(deriveStatus(order([{ backordered: 0 }, { backordered: 2 }]), all)).toBe('backordered');
	});

	it('is shipped when a tracking number is present, before anything else', () => {
		expect(deriveStatus(order([{ backordered: 2 }], [{ number: 'Z123' }]), all)).toBe('shipped');
		expect(deriveStatus(order([{ backordered: 0 }], [{ number: '  ' }]), all)).toBe('ready');
	});

	it('applies only the enabled rules', () => {
		expect(deriveStatus(order([{ backordered: 2 }], [{ number: 'Z123' }]), ['backordered'])).toBe('backordered');
		expect(deriveStatus(order([{ backordered: 0 }]), ['shipped', 'backordered'])).toBeUndefined();
	});
});
