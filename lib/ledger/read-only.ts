import type { LedgerBackend } from './backend';

/**
 * A view of a namespace that answers as the store would and changes nothing: for a dry run, whose claims must say
 * whether the real run may act without taking anything from it. A claim on a free key says yes, on a held one no.
 */
export function readOnlyBackend(backend: LedgerBackend): LedgerBackend {
	return {
		get: (key) => backend.get(key),
		list: (prefix, limit) => backend.list(prefix, limit),
		set: async () => undefined,
		setIfAbsent: async (key) => (await backend.get(key)) === undefined,
		replaceIf: async (key, expectedAt) => (await backend.get(key))?.at === expectedAt,
		delete: async (key) => (await backend.get(key)) !== undefined,
		pruneBefore: async () => 0,
	};
}
