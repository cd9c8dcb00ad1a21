#!/usr/bin/env node
// `npm run bench -- <name>` runs bench/<name>.ts (or bench/<name>/index.ts); the last line it prints is JSON.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const name = process.argv[2];
const candidates = name ? [path.join(__dirname, `${name}.ts`), path.join(__dirname, name, 'index.ts')] : [];
const file = candidates.find((candidate) => fs.existsSync(candidate));
if (!file) {
	const available = fs
		.readdirSync(__dirname)
		.filter((f) => f.endsWith('.ts') || fs.existsSync(path.join(__dirname, f, 'index.ts')))
		.map((f) => f.replace(/\.ts$/, ''));
	console.error(`usage: npm run bench -- <name>; available: ${available.join(', ')}`);
	process.exit(2);
}
// n8n's own runtime when the e2e harness installed it (node:sqlite for the state store), else this Node.
const { cachedNode } = require('../test/e2e/install-n8n');
const node = process.env.ORDER_SYNC_NODE || cachedNode('2') || cachedNode('1') || process.execPath;
const result = spawnSync(node, ['--expose-gc', '--import', 'tsx', file, ...process.argv.slice(3)], {
	stdio: 'inherit',
	cwd: path.join(__dirname, '..'),
});
process.exit(result.status ?? 1);
