/**
 * A Node.js with `node:sqlite` (22.13+) for the SQLite store's processes: this one when it has it, else the runtime
 * the e2e harness installs (`node test/e2e/install-n8n.js --node-only 2`).
 */
import { execFileSync } from 'node:child_process';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cachedNode } = require('../e2e/install-n8n') as { cachedNode: (line: string) => string | undefined };

const hasSqlite = (binary: string) => {
	try {
		execFileSync(binary, ['-e', "require('node:sqlite')"], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
};

export function nodeWithSqlite(): { binary?: string; missing?: string } {
	const candidates = [process.env.ORDER_SYNC_NODE, process.execPath, cachedNode('2'), cachedNode('1')].filter((c): c is string => !!c);
	const binary = candidates.find(hasSqlite);
	if (binary) return { binary };
	return {
		missing: `no Node.js with node:sqlite here (this is ${process.version}); run "node test/e2e/install-n8n.js --node-only 2" or set ORDER_SYNC_NODE`,
	};
}
