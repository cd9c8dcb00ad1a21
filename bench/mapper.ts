/**
 * Order Status Mapper throughput: change events mapped two-way (ledger echo check per item), with a baseline
 * scope filter and derived statuses on. `npm run bench -- mapper [events]`
 */
import { Ledger } from '../lib/ledger';
import { MemoryStateStore } from '../lib/state';
import { StatusMapper, findPreset } from '../lib/mapping';

async function main() {
	const count = Number(process.argv[2] ?? 50_000);
	const store = new MemoryStateStore();
	const ledger = new Ledger(store.namespace('wf:bench'), store.namespace('instance'));
	const mapper = new StatusMapper(
		{
			rows: findPreset('pohoda_woocommerce')!.rows,
			sourceSystem: 'pohoda',
			targetSystem: 'woocommerce',
			direction: 'both',
			derivedRules: ['shipped', 'backordered', 'ready'],
			scope: { changedAfter: '2026-01-01T00:00:00', timezone: 'Europe/Prague' },
		},
		ledger,
	);
	const statuses = { pohoda: ['new', 'processing', 'executed', 'cancelled'], woocommerce: ['processing', 'Completed ', 'cancelled', 'on-hold'] };
	const events = Array.from({ length: count }, (_, i) => {
		const system = i % 2 ? 'woocommerce' : 'pohoda';
		const code = statuses[system][i % 4];
		const at = new Date(Date.UTC(2025, 6, 1) + i * 600_000).toISOString();
		return {
			kind: 'status_changed',
			system,
			newStatus: { code },
			changedAt: at,
			order: { system, id: String(i), externalIds: {}, status: { code }, customer: {}, lines: [{ name: 'x', quantity: 1, backordered: i % 3 }] },
		};
	});
	// Every tenth event is the echo of a write of this workflow.
	for (let i = 1; i < count; i += 10) await ledger.noteWrite('woocommerce', String(i), events[i].newStatus.code);

	const kinds: Record<string, number> = {};
	const started = process.hrtime.bigint();
	for (const json of events) {
		const outcome = await mapper.map({ json });
		kinds[outcome.kind] = (kinds[outcome.kind] ?? 0) + 1;
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	console.log(`${count} events in ${ms.toFixed(0)} ms`, kinds);
	console.log(JSON.stringify({ events: count, ms: Math.round(ms), eventsPerSecond: Math.round((count / ms) * 1000), ...kinds }));
}

void main();
