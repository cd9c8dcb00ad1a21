/**
 * The two-way soak (fault scenario 5) at the mapper's level, in milliseconds: an ERP that is polled and a shop that
 * reports each status change at once, wired both ways through one Both Ways mapper and the workflow's ledger as the
 * generic two-way template wires them (the shop write noted before it, the ERP write after it). People change both
 * sides at random between polls, often the same order twice. The real-n8n scenario is test/faults/scenarios/two-way-soak.js.
 */
import { memoryLedger } from '../../helpers/state';
import { StatusMapper, writtenByShopOrderId, type MappingRow } from '../../../lib/mapping';
import { detectOrderEvents, eventJson } from '../../../lib/connectors/erp';
import type { Order } from '../../../lib/model';

const ROWS: MappingRow[] = [
	['Niepotwierdzony', 'pending'],
	['Potwierdzony', 'processing'],
	['Zaakceptowany', 'processing'],
	['Zrealizowany', 'completed'],
	['Anulowany', 'cancelled'],
	['Niepotwierdzony', 'on-hold'],
	['Potwierdzony', 'imported'],
	['Anulowany', 'refunded'],
	['Anulowany', 'failed'],
].map(([source, target]) => ({ source, target, notify: false }));
const ERP_STATUSES = ['Niepotwierdzony', 'Potwierdzony', 'Zaakceptowany', 'Zrealizowany', 'Anulowany'];
const SHOP_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed'];
const ORDERS = 10;

type Side = 'erp' | 'shop';

function soak(seed: number) {
	let clock = Date.parse('2026-12-07T10:00:00Z');
	const tick = () => ++clock;
	const { ledger } = memoryLedger({ now: () => clock });
	const mapper = new StatusMapper({ rows: ROWS, sourceSystem: 'enova365', targetSystem: 'woocommerce', direction: 'both' }, ledger);
	const ids = Array.from({ length: ORDERS }, (_, i) => String(1001 + i));
	const state = { erp: new Map(ids.map((id) => [id, { status: 'Potwierdzony', at: clock }])), shop: new Map(ids.map((id) => [id, { status: 'processing', at: clock }])) };
	const last = new Map<string, [Side, string]>();
	const owed = new Map(ids.map((id) => [id, { erp: 0, shop: false }]));
	const echoWrites: string[] = [];

	const erpOrder = (id: string): Order => {
		const { status, at } = state.erp.get(id)!;
		return { system: 'enova365', id: `ZO/${id}`, externalIds: { shop: id }, status: { code: status }, updatedAt: new Date(at).toISOString(), customer: {}, lines: [] };
	};
	const shopChanged = async (id: string) => {
		const { status, at } = state.shop.get(id)!;
		const order = { system: 'woocommerce', id, externalIds: {}, status: { code: status }, customer: {}, lines: [] };
		await mapped('erp', id, { kind: 'status_changed', system: 'woocommerce', newStatus: order.status, changedAt: new Date(at).toISOString(), order });
	};
	const mapped = async (to: Side, id: string, json: Record<string, unknown>) => {
		const outcome = await mapper.map({ json: json as never });
		if (outcome.kind === 'mapped') await write(to, id, outcome.status.to!);
	};
	const write = async (side: Side, id: string, status: string) => {
		const debt = owed.get(id)!;
		if (side === 'erp' ? debt.erp === 0 : !debt.shop) echoWrites.push(`${side} ${id} ${status}`);
		if (side === 'erp') debt.erp = Math.max(0, debt.erp - 1);
		else debt.shop = false;
		if (side === 'shop') await ledger.noteWrite('woocommerce', id, status);
		const before = state[side].get(id)!.status;
		state[side].set(id, { status, at: tick() });
		if (side === 'erp') await ledger.noteWrite('enova365', writtenByShopOrderId(id), status);
		tick();
		// The shop reports a change at once (its webhook); a save that changes nothing reports nothing.
		if (side === 'shop' && before !== status) await shopChanged(id);
	};
	const poll = async () => {
		const detection = await detectOrderEvents(ledger, ids.map((id) => ({ order: erpOrder(id), source: id })));
		await detection.commit();
		for (const { event, source } of detection.events) await mapped('shop', source, eventJson(event));
		for (const debt of owed.values()) debt.shop = false;
	};
	const person = async (side: Side, id: string, status: string) => {
		state[side].set(id, { status, at: tick() });
		tick();
		last.set(id, [side, status]);
		if (side === 'shop') {
			owed.get(id)!.erp++;
			await shopChanged(id);
		} else owed.get(id)!.shop = true;
	};

	return async () => {
		// The first poll sees every row as new: the shop is owed their statuses.
		for (const debt of owed.values()) debt.shop = true;
		await poll();
		let a = seed;
		const random = () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
		const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
		for (let round = 0; round < 20; round++) {
			for (let i = 0; i < 25; i++) {
				const id = pick(ids);
				const side: Side = random() < 0.5 ? 'erp' : 'shop';
				await person(side, id, pick((side === 'erp' ? ERP_STATUSES : SHOP_STATUSES).filter((s) => s !== state[side].get(id)!.status)));
			}
			await poll();
		}
		await poll();
		const pairs = new Set(ROWS.map((r) => `${r.source} ${r.target}`));
		const diverged = ids.filter((id) => !pairs.has(`${state.erp.get(id)!.status} ${state.shop.get(id)!.status}`));
		const lost = ids.filter((id) => last.has(id) && state[last.get(id)![0]].get(id)!.status !== last.get(id)![1]);
		return { diverged, lost, echoWrites };
	};
}

describe('two-way sync under random changes on both sides (mapper and ledger)', () => {
	it.each([1, 2, 3, 4, 5])('seed %i: both sides converge on each last change, with no echo written back', async (seed) => {
		expect(await soak(seed)()).toEqual({ diverged: [], lost: [], echoWrites: [] });
	});
});
