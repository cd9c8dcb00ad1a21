import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';

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

	it('gives every node light and dark SVG icons and a codex file', () => {
		for (const file of nodeSources) {
			const dir = path.join(root, 'nodes', path.dirname(file));
			const source = fs.readFileSync(path.join(root, 'nodes', file), 'utf8');
			expectThemedSvgIcons(file, source, dir);
			const codex = JSON.parse(fs.readFileSync(path.join(dir, path.basename(file).replace(/\.ts$/, '.json')), 'utf8'));
			expect(codex.node).toBe(`n8n-nodes-order-sync.${/name:\s*'(\w+)'/.exec(source)?.[1]}`);
			expect(codex.categories.some((c: string) => ['Sales', 'Communication'].includes(c))).toBe(true);
		}
	});

	it('gives every credential light and dark SVG icons', () => {
		for (const file of credentialSources) {
			expectThemedSvgIcons(file, fs.readFileSync(path.join(root, 'credentials', file), 'utf8'), path.join(root, 'credentials'));
		}
	});

	it('ships dist and the templates, with n8n-workflow as the only peer dependency', () => {
		expect(pkg.files).toEqual(['dist', 'workflows']);
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
		expect(pkg.keywords).toContain('n8n-community-node-package');
	});
});

/** The source declares `icon: { light: 'file:x.svg', dark: 'file:x.dark.svg' }`; both are distinct, well-formed SVG files. */
function expectThemedSvgIcons(file: string, source: string, dir: string) {
	const match = /icon(?::\s*Icon)?\s*[:=]\s*\{\s*light:\s*'file:([^']+)\.svg',\s*dark:\s*'file:([^']+)'\s*\}/.exec(source);
	expect({ file, themed: Boolean(match) }).toEqual({ file, themed: true });
	const [, base, dark] = match as RegExpExecArray;
	expect({ file, dark }).toEqual({ file, dark: `${base}.dark.svg` });
	const svgs = [`${base}.svg`, dark].map((icon) => {
		const svg = fs.readFileSync(path.join(dir, icon), 'utf8');
		const problems = [XMLValidator.validate(svg), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg) || 'root is not an <svg> element'];
		expect({ icon, problems }).toEqual({ icon, problems: [true, true] });
		return svg;
	});
	expect(svgs[1]).not.toBe(svgs[0]);
}
