'use strict';
// What the package declares (package.json → n8n) and the templates it ships, read from the built dist/.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = 'n8n-nodes-order-sync';

function instantiate(file) {
	const mod = require(path.join(ROOT, file));
	const Cls = Object.values(mod).find((v) => typeof v === 'function');
	if (!Cls) throw new Error(`${file} exports no class`);
	return new Cls();
}

/** Nodes and credentials listed in package.json, with their names from the built classes (run `npm run build` first). */
function loadManifest() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const nodes = (pkg.n8n.nodes || []).map((file) => {
		const { description } = instantiate(file);
		return { file, name: description.name, type: `${PACKAGE}.${description.name}`, displayName: description.displayName, description };
	});
	const credentials = (pkg.n8n.credentials || []).map((file) => {
		const cred = instantiate(file);
		return { file, name: cred.name, displayName: cred.displayName, properties: cred.properties };
	});
	return { nodes, credentials };
}

/** Every workflows/*.json with the node types it uses. */
function loadTemplates() {
	const dir = path.join(ROOT, 'workflows');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			const types = [...new Set(json.nodes.map((n) => n.type))];
			return { file, path: path.join(dir, file), json, types, ourTypes: types.filter((t) => t.startsWith(`${PACKAGE}.`)) };
		});
}

module.exports = { PACKAGE, loadManifest, loadTemplates };
