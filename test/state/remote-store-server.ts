/**
 * Serves one store to the test process over stdin/stdout, one JSON line per call: `{id, ns?, op, args}` in,
 * `{id, result}` or `{id, error}` out. Lets Jest on Node 20 drive the SQLite store in a Node that has node:sqlite.
 */
import * as readline from 'node:readline';
import type { StateStore } from '../../lib/state/types';

async function main() {
	const [module, exportName, config] = process.argv.slice(2);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const store = (await require(module)[exportName](JSON.parse(config))) as StateStore;
	const lines = readline.createInterface({ input: process.stdin });
	for await (const line of lines) {
		const { id, ns, op, args } = JSON.parse(line) as { id: number; ns?: string; op: string; args: unknown[] };
		try {
			const target = (ns === undefined ? store : store.namespace(ns)) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
			// JSON has no undefined: an omitted argument arrives as null.
			const result = await target[op](...args.map((arg) => (arg === null ? undefined : arg)));
			process.stdout.write(`${JSON.stringify({ id, result: result === undefined ? null : result })}\n`);
		} catch (error) {
			process.stdout.write(`${JSON.stringify({ id, error: (error as Error).message })}\n`);
		}
		if (op === 'close') break;
	}
}

void main();
