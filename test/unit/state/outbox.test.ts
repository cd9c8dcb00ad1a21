import { ChangeOutbox, MemoryStateStore, Processes } from '../../../lib/state';

const change = (id: string, status = 'completed') => ({
	kind: 'statusChanged',
	order: { system: 'pohoda', id },
	newStatus: { code: status },
	changedAt: '2026-12-01T10:00:00',
});

function processes() {
	const store = new MemoryStateStore();
	const clock = { now: Date.parse('2026-12-01T10:00:00Z') };
	const processes = (processId: string) => new Processes(store.namespace('instance'), { processId, now: () => clock.now });
	const outbox = (processId: string, maxAttempts = 3) =>
		Object.assign(new ChangeOutbox(store.namespace('wf:1'), processes(processId), { now: () => clock.now, maxAttempts }), {
			heartbeat: () => processes(processId).beat(),
		});
	return { store, clock, outbox };
}

describe('ChangeOutbox', () => {
	it('emits again what a process that died was handling, once, and never what was settled', async () => {
		const { clock, outbox } = processes();
		const crashed = outbox('n8n-before-crash');
		await crashed.heartbeat();
		const handled = await crashed.record('pohoda', change('1'));
		const inFlight = await crashed.record('pohoda', change('2'));
		await crashed.settle(handled.key);
		const restarted = outbox('n8n-after-restart');
		await restarted.heartbeat();
		// The old process may only be slow: nothing is taken from it while its heartbeat is fresh.
		expect((await restarted.due('pohoda')).resend).toEqual([]);
		clock.now += 3 * 60_000;
		const [again] = (await restarted.due('pohoda')).resend;
		expect(again).toMatchObject({ key: inFlight.key, attempts: 2, owner: 'n8n-after-restart', json: change('2') });
		expect((await restarted.due('pohoda')).resend).toEqual([]);
		await restarted.settle(again.key);
		clock.now += 10 * 60_000;
		expect(await restarted.due('pohoda')).toEqual({ resend: [], gaveUp: [] });
	});

	it('emits again what failed downstream, and gives it up after the last attempt', async () => {
		const { outbox } = processes();
		const n8n = outbox('n8n', 2);
		const { key } = await n8n.record('pohoda', change('3'));
		await n8n.fail(key, 'Shop Order: 503 from the shop');
		const { resend } = await n8n.due('pohoda');
		expect(resend).toMatchObject([{ key, attempts: 2, error: 'Shop Order: 503 from the shop' }]);
		await n8n.fail(key, 'Shop Order: 503 again');
		expect(await n8n.due('pohoda')).toMatchObject({ resend: [], gaveUp: [{ key, attempts: 2, error: 'Shop Order: 503 again' }] });
		expect(await n8n.due('pohoda')).toEqual({ resend: [], gaveUp: [] });
	});

	it('records the same change once, and lets one of two sources take over each stalled change', async () => {
		const { clock, outbox } = processes();
		const dead = outbox('dead');
		expect((await dead.record('pohoda', change('4'))).fresh).toBe(true);
		expect((await dead.record('pohoda', change('4'))).fresh).toBe(false);
		expect((await dead.record('pohoda', change('4', 'cancelled'))).fresh).toBe(true);
		clock.now += 5 * 60_000;
		const [a, b] = await Promise.all([outbox('worker-a').due('pohoda'), outbox('worker-b').due('pohoda')]);
		expect(a.resend.length + b.resend.length).toBe(2);
		expect(new Set([...a.resend, ...b.resend].map((c) => c.key)).size).toBe(2);
	});

	it('keeps sources apart, and forgets a change no node of ours settled once a day has passed', async () => {
		const { store, clock, outbox } = processes();
		const n8n = outbox('n8n');
		const { key } = await n8n.record('pohoda', change('5'));
		await n8n.fail(key, 'boom');
		expect((await n8n.due('generic|enova365')).resend).toEqual([]);
		await n8n.record('generic|enova365', change('6'));
		clock.now += 23 * 60 * 60_000;
		expect((await n8n.due('generic|enova365')).resend).toEqual([]);
		expect(await store.namespace('wf:1').list('pending|generic|')).toHaveLength(1);
		clock.now += 2 * 60 * 60_000;
		expect((await n8n.due('generic|enova365')).resend).toEqual([]);
		expect(await store.namespace('wf:1').list('pending|generic|')).toEqual([]);
		expect((await n8n.due('pohoda')).resend).toHaveLength(1);
	});
});

describe('ChangeOutbox with parallel branches', () => {
	it('settles a change only when every way it took has ended: the status update does not settle the mail', async () => {
		const store = new MemoryStateStore();
		const clock = { now: Date.parse('2026-12-01T10:00:00Z') };
		const outbox = (processId: string) =>
			new ChangeOutbox(store.namespace('wf:1'), new Processes(store.namespace('instance'), { processId, now: () => clock.now }), { now: () => clock.now });
		const before = outbox('before-crash');
		await new Processes(store.namespace('instance'), { processId: 'before-crash', now: () => clock.now }).beat();
		const { key } = await before.record('pohoda', change('7'), ['Update the shop order status', 'Mail the customer']);
		await before.settle(key, ['Update the shop order status']);
		// n8n is killed before the mail branch ran: the change comes again after the restart.
		clock.now += 3 * 60_000;
		const after = outbox('after-restart');
		const [again] = (await after.due('pohoda')).resend;
		expect(again?.key).toBe(key);
		await after.settle(key, ['Update the shop order status']);
		await after.settle(key, ['Mail the customer']);
		expect(await store.namespace('wf:1').list('pending|')).toEqual([]);
	});

	it('forgets soon a change an IF sent down one branch only, once that branch ended', async () => {
		const store = new MemoryStateStore();
		const clock = { now: Date.parse('2026-12-01T10:00:00Z') };
		const n8n = new ChangeOutbox(store.namespace('wf:1'), new Processes(store.namespace('instance'), { processId: 'n8n', now: () => clock.now }), {
			now: () => clock.now,
		});
		const { key } = await n8n.record('pohoda', change('8'), ['Apply the line edits', 'Update the shop order status', 'Mail the customer']);
		await n8n.settle(key, ['Update the shop order status']);
		await n8n.settle(key, ['Mail the customer']);
		clock.now += 5 * 60_000;
		await n8n.due('pohoda');
		expect(await store.namespace('wf:1').list('pending|')).toHaveLength(1);
		clock.now += 6 * 60_000;
		await n8n.due('pohoda');
		expect(await store.namespace('wf:1').list('pending|')).toEqual([]);
	});
});

describe('ChangeOutbox and a process that ended normally', () => {
	it('forgets what an ended process left pending (its executions finished), but emits again what a killed one left', async () => {
		const store = new MemoryStateStore();
		const clock = { now: Date.parse('2026-12-01T10:00:00Z') };
		const processes = (processId: string) => new Processes(store.namespace('instance'), { processId, now: () => clock.now });
		const outbox = (processId: string) => new ChangeOutbox(store.namespace('wf:1'), processes(processId), { now: () => clock.now });
		const ended = await outbox('n8n-execute').record('pohoda', change('9'), ['Set tracking', 'Update shop order']);
		await outbox('n8n-execute').adopt(ended.key);
		await processes('n8n-execute').exited();
		await outbox('killed').record('pohoda', change('10'), ['Update shop order']);
		await processes('killed').beat();
		clock.now += 3 * 60_000;
		const { resend } = await outbox('server').due('pohoda');
		expect(resend.map((c) => (c.json.order as { id: string }).id)).toEqual(['10']);
		expect((await store.namespace('wf:1').list('pending|')).length).toBe(1);
		expect(await processes('server').isAlive('n8n-execute')).toBe(false);
	});

	it('emits again what an ended process recorded but no node of ours took up (n8n never ran its execution)', async () => {
		const store = new MemoryStateStore();
		const processes = (processId: string) => new Processes(store.namespace('instance'), { processId });
		const outbox = (processId: string) => new ChangeOutbox(store.namespace('wf:1'), processes(processId));
		const { key } = await outbox('stopped').record('woocommerce', change('11'), ['Mail: order imported']);
		await processes('stopped').exited();
		const { resend } = await outbox('restarted').due('woocommerce');
		expect(resend).toMatchObject([{ key, attempts: 2, owner: 'restarted' }]);
		// Emitted again and again untaken by a node of ours before a graceful stop: it went a way without us, and is
		// neither emitted a third time nor reported as given up.
		await processes('restarted').exited();
		expect(await outbox('third').due('woocommerce')).toEqual({ resend: [], gaveUp: [] });
		expect(await store.namespace('wf:1').list('pending|')).toEqual([]);
	});

	it("reads each owner's heartbeat once per look, however many of its changes are pending", async () => {
		const { store, clock, outbox } = processes();
		const worker = outbox('worker-1');
		await worker.heartbeat();
		for (let id = 1; id <= 20; id++) await worker.record('woocommerce', change(String(id)));
		const instance = store.namespace('instance');
		const reads: string[] = [];
		const get = instance.get.bind(instance);
		instance.get = async (key: string) => (reads.push(key), get(key));
		const main = new ChangeOutbox(store.namespace('wf:1'), new Processes(instance, { processId: 'main', now: () => clock.now }), { now: () => clock.now });
		expect(await main.due('woocommerce')).toEqual({ resend: [], gaveUp: [] });
		expect(reads).toEqual(['proc|worker-1']);
	});
});
