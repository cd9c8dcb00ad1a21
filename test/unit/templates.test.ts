import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const PACKAGE = 'n8n-nodes-order-sync';

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id?: unknown; name?: unknown }>;
}

const ourNodeNames = fs
	.readdirSync(path.join(root, 'nodes'), { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.flatMap((d) => fs.readdirSync(path.join(root, 'nodes', d.name)).filter((f) => f.endsWith('.node.ts')).map((f) => path.join(root, 'nodes', d.name, f)))
	.map((file) => /name:\s*'(\w+)'/.exec(fs.readFileSync(file, 'utf8'))?.[1]);

const templates = fs
	.readdirSync(path.join(root, 'workflows'))
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({ file, json: JSON.parse(fs.readFileSync(path.join(root, 'workflows', file), 'utf8')) }));

/** Names n8n gives a node when it is dropped on the canvas (optionally numbered): a template names what each node does. */
const DEFAULT_NAME =
	/^(If|Set|Edit Fields( \(Set\))?|HTTP Request|Wait|Schedule Trigger|When clicking.*|Manual Trigger|Loop Over Items|Split In Batches|Sticky Note|Code|Microsoft SQL|Shop Trigger|Shop Order|ERP Order Status|Marketplace Order|Order Status Mapper|Notify Customer)\d*$/;
/** Parameter names that would hold a secret if a template carried one. */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|consumer[-_]?(key|secret)|authorization/i;

function secretParameters(value: unknown, at = ''): string[] {
	if (Array.isArray(value)) return value.flatMap((v, i) => secretParameters(v, `${at}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => [
		...(SECRET_KEY.test(key) && typeof v === 'string' && v !== '' ? [`${at}.${key}`] : []),
		...(key === 'name' && typeof v === 'string' && SECRET_KEY.test(v) ? [`${at}.name=${v}`] : []),
		...secretParameters(v, `${at}.${key}`),
	]);
}

describe('template workflows', () => {
	it('ships the templates', () => {
		expect(templates.map((t) => t.file).sort()).toEqual([
			'comarch-optima-to-prestashop.json',
			'enova365-idosell-status-sync.json',
			'generic-erp-two-way-status-sync.json',
			'ozon-marketplace-orders.json',
			'pohoda-invoice-to-woocommerce.json',
			'pohoda-to-woocommerce-status-sync.json',
			'woocommerce-order-desk.json',
			'woocommerce-order-import-to-pohoda.json',
			'zzap-ozon-external-orders.json',
		]);
	});

	describe.each(templates)('$file', ({ json }) => {
		const nodes = json.nodes as TemplateNode[];

		it('is inactive and carries no ids, pinned data or secrets', () => {
			expect(json.active).toBe(false);
			expect(json.id).toBeUndefined();
			expect(json.versionId).toBeUndefined();
			expect(json.meta?.instanceId).toBeUndefined();
			expect(json.pinData ?? {}).toEqual({});
			expect(nodes.flatMap((n) => secretParameters(n.parameters, n.name))).toEqual([]);
		});

		it('names credentials only, never their ids', () => {
			const used = nodes.flatMap((n) => Object.entries(n.credentials ?? {}).map(([type, c]) => ({ node: n.name, type, id: c.id ?? null, named: typeof c.name === 'string' && c.name !== '' })));
			expect(used.filter((c) => c.id !== null || !c.named)).toEqual([]);
		});

		it(`uses our nodes as ${PACKAGE}.<name> and names every node for what it does`, () => {
			const ours = nodes.filter((n) => !n.type.startsWith('n8n-nodes-base.'));
			expect(ours.length).toBeGreaterThan(0);
			expect(ours.filter((n) => !ourNodeNames.some((name) => n.type === `${PACKAGE}.${name}`)).map((n) => n.type)).toEqual([]);
			expect(nodes.filter((n) => DEFAULT_NAME.test(n.name)).map((n) => n.name)).toEqual([]);
			expect(new Set(nodes.map((n) => n.name)).size).toBe(nodes.length);
		});

		it('explains how it works, the setup steps and what to customise in sticky notes', () => {
			const notes = nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content ?? ''));
			const headings = notes.map((content) => /^##\s+(.+)$/m.exec(content)?.[1] ?? '');
			expect(nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote' && n.name === 'How it works')).toBe(true);
			expect(headings.filter((h) => /^Setup$/.test(h))).toHaveLength(1);
			expect(headings.filter((h) => /^Customi[sz]e$/.test(h))).toHaveLength(1);
		});
	});
});
