import { Ledger, type LedgerOptions } from '../../lib/ledger';
import { MemoryStateStore, useStateStore, type StateStore } from '../../lib/state';

/** A ledger over a store as openLedger builds it: the workflow's namespace and the instance's. */
export function ledgerOn(store: StateStore, workflowId = 'test-workflow', options: LedgerOptions = {}): Ledger {
	return new Ledger(store.namespace(`wf:${workflowId}`), store.namespace('instance'), options);
}

export function memoryLedger(options: LedgerOptions = {}, workflowId?: string) {
	const store = new MemoryStateStore();
	return { store, ledger: ledgerOn(store, workflowId, options) };
}

let current = new MemoryStateStore();

/** The store the nodes under test use: a new one for every test, shared by every execution within it. */
export function testStore(): MemoryStateStore {
	return current;
}

export function freshTestStore(): MemoryStateStore {
	current = new MemoryStateStore();
	useStateStore(current);
	return current;
}

/** What the nodes of workflow `workflowId` see in the test store. */
export function workflowLedger(workflowId = 'test-workflow'): Ledger {
	return ledgerOn(current, workflowId);
}
