import { Ledger, readOnlyBackend } from '../../../lib/ledger';
import { MemoryStateStore } from '../../../lib/state';

/** A dry run's ledger: the same answers as the real one, and the store stays as it was. */
describe('read-only ledger', () => {
	const setup = () => {
		const store = new MemoryStateStore();
		const real = new Ledger(store.namespace('wf:1'), store.namespace('instance'), { owner: { id: 'p1', isAlive: async () => true } });
		const dry = new Ledger(readOnlyBackend(store.namespace('wf:1')), readOnlyBackend(store.namespace('instance')), {
			owner: { id: 'p2', isAlive: async () => true },
		});
		const contents = async () => [...(await store.namespace('wf:1').list('')), ...(await store.namespace('instance').list(''))];
		return { real, dry, contents };
	};

	it('says a free action may be claimed, without claiming it; a held or done one may not', async () => {
		const { real, dry, contents } = setup();
		expect(await dry.claim('woocommerce', '5', 'mail:completed')).toBe(true);
		await dry.complete('woocommerce', '5', 'mail:completed', { messageId: 'x' });
		await dry.noteWrite('woocommerce', '5', 'completed');
		await dry.setWatermark('source', '2026-12-07T10:00:00');
		expect(await contents()).toEqual([]);

		expect(await real.claim('woocommerce', '5', 'mail:completed')).toBe(true);
		expect(await dry.claim('woocommerce', '5', 'mail:completed')).toBe(false);
		await real.complete('woocommerce', '5', 'mail:completed');
		expect(await dry.actionState('woocommerce', '5', 'mail:completed')).toBe('done');
		const before = await contents();
		await dry.release('woocommerce', '5', 'mail:completed');
		await dry.prune();
		expect(await contents()).toEqual(before);
	});
});
