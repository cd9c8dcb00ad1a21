import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');
const nodeDirs = fs.readdirSync(path.join(root, 'nodes')).filter((dir) => fs.existsSync(path.join(root, 'nodes', dir, `${dir}.node.json`)));

/** GitHub's anchor of a markdown heading. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');

const readmeAnchors = new Set(
	fs
		.readFileSync(path.join(root, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6}\s/.test(line))
		.map((line) => slug(line.replace(/^#+\s/, ''))),
);

describe('codex files', () => {
	it.each(nodeDirs)('%s: category, documentation and every README link lands on a heading', (dir) => {
		const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes', dir, `${dir}.node.json`), 'utf8'));
		expect(codex.node).toBe(`n8n-nodes-order-sync.${dir[0].toLowerCase()}${dir.slice(1)}`);
		expect(codex.categories.every((c: string) => ['Sales', 'Communication'].includes(c))).toBe(true);
		expect(codex.resources.primaryDocumentation.length).toBeGreaterThan(0);
		const links: string[] = Object.values(codex.resources as Record<string, Array<{ url: string }>>).flatMap((list) => list.map((r) => r.url));
		const readmeLinks = links.filter((url) => url.startsWith('https://github.com/order-sync/n8n-nodes-order-sync#'));
		for (const url of readmeLinks) expect({ url, anchor: readmeAnchors.has(url.split('#')[1]) }).toEqual({ url, anchor: true });
	});
});
