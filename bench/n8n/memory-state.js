'use strict';
// Preloaded into `n8n execute` (NODE_OPTIONS=--require) by `--state=memory`: the package's state store becomes its
// in-process MemoryStateStore, kept between the bench's n8n processes in a JSON file read at start and written at
// exit. The baseline the durable store is compared with: every claim, mark and watermark a Map operation.
const fs = require('node:fs');
const path = require('node:path');

const file = process.env.ORDER_SYNC_BENCH_MEMORY_STATE;
// Only the process that runs the workflow (`n8n execute`), not its task runners.
if (file && process.argv[2] === 'execute') {
	const state = require(path.join(process.env.N8N_USER_FOLDER, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-order-sync', 'dist', 'lib', 'state'));
	const store = new state.MemoryStateStore();
	const saved = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
	for (const [name, records] of saved) store.records.set(name, new Map(records));
	state.useStateStore(store);
	process.once('exit', () => {
		fs.writeFileSync(file, JSON.stringify([...store.records].map(([name, records]) => [name, [...records]])));
	});
}
