import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const nodeSources = fs
	.readdirSync(path.join(root, 'nodes'), { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.flatMap((d) => fs.readdirSync(path.join(root, 'nodes', d.name)).filter((f) => f.endsWith('.node.ts')).map((f) => `${d.name}/${f}`));
const credentialSources = fs.readdirSync(path.join(root, 'credentials')).filter((f) => f.endsWith('.credentials.ts'));

describe('package.json n8n manifest', () => {
	it('lists exactly the nodes that exist', () => {
		const expected = nodeSources.map((f) => `dist/nodes/${f.replace(/\.ts$/, '.js')}`).sort();
		expect([...pkg.n8n.nodes].sort()).toEqual(expected);
	});

	it('lists exactly the credentials that exist', () => {
		const expected = credentialSources.map((f) => `dist/credentials/${f.replace(/\.ts$/, '.js')}`).sort();
		expect([...(pkg.n8n.credentials ?? [])].sort()).toEqual(expected);
	});

	it('gives every node an SVG icon and a codex file', () => {
		for (const file of nodeSources) {
			const dir = path.join(root, 'nodes', path.dirname(file));
			const source = fs.readFileSync(path.join(root, 'nodes', file), 'utf8');
			const icon = /icon:\s*'file:([^']+\.svg)'/.exec(source)?.[1];
			expect({ file, icon }).toEqual({ file, icon: expect.any(String) });
			expect(fs.existsSync(path.join(dir, icon as string))).toBe(true);
			const codex = JSON.parse(fs.readFileSync(path.join(dir, path.basename(file).replace(/\.ts$/, '.json')), 'utf8'));
			expect(codex.node).toBe(`n8n-nodes-order-sync.${/name:\s*'(\w+)'/.exec(source)?.[1]}`);
			expect(codex.categories.some((c: string) => ['Sales', 'Communication'].includes(c))).toBe(true);
		}
	});

	it('ships dist and the templates, with n8n-workflow as the only peer dependency', () => {
		expect(pkg.files).toEqual(['dist', 'workflows']);
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
		expect(pkg.keywords).toContain('n8n-community-node-package');
	});
});
