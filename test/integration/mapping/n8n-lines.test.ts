/**
 * The mapper's dynamic outputs and per-system credentials as the n8n lines we support evaluate them: with the
 * n8n-workflow package of n8n 1.123 and 2.40 from the e2e harness's cache (test/e2e/install-n8n.js installs them).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import { OrderStatusMapper } from '../../../nodes/OrderStatusMapper/OrderStatusMapper.node';

const cache = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-order-sync');
const lines = ['1.123.81', '2.40.5']
	.map((version) => ({ version, dir: path.join(cache, `n8n-${version}`, 'node_modules', 'n8n-workflow') }))
	.filter(({ dir }) => fs.existsSync(dir));

const type = new OrderStatusMapper();
const describeLines = lines.length ? describe.each(lines) : describe.skip.each([{ version: 'none installed (run node test/e2e/install-n8n.js)', dir: '' }]);

describeLines('n8n $version', ({ dir }) => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const workflowPackage = () => require(dir) as typeof import('n8n-workflow');

	function evaluate(parameters: INodeParameters) {
		const { NodeHelpers, Workflow } = workflowPackage();
		const resolved = NodeHelpers.getNodeParameters(type.description.properties, parameters, true, false, null, type.description) as INodeParameters;
		const node = { id: '1', name: 'Mapper', type: 'n8n-nodes-order-sync.orderStatusMapper', typeVersion: 1, position: [0, 0] as [number, number], parameters: resolved };
		const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes as never });
		const outputs = NodeHelpers.getNodeOutputs(workflow, node, type.description);
		const credentials = (type.description.credentials ?? []).filter((credential) =>
			NodeHelpers.displayParameter(resolved, credential, node, type.description),
		);
		return { outputs, credentials: credentials.map((c) => c.name) };
	}

	it('adds the "Unmapped" output only when items are routed to it', () => {
		expect(evaluate({ unmapped: 'output' }).outputs).toEqual([
			{ type: 'main', displayName: 'Mapped' },
			{ type: 'main', displayName: 'Unmapped' },
		]);
		expect(evaluate({ unmapped: 'passThrough' }).outputs).toEqual([{ type: 'main' }]);
		expect(evaluate({}).outputs).toEqual([{ type: 'main' }]);
		expect(evaluate({ operation: 'resetBaseline', unmapped: 'output' }).outputs).toEqual([{ type: 'main' }]);
	});

	it('shows the WooCommerce credential once when WooCommerce is on either side, else not at all', () => {
		const woo = ['orderSyncWooCommerceApi'];
		expect(evaluate({ sourceSystem: 'woocommerce', targetSystem: 'pohoda' }).credentials).toEqual(woo);
		expect(evaluate({ sourceSystem: 'pohoda', targetSystem: 'woocommerce' }).credentials).toEqual(woo);
		expect(evaluate({ sourceSystem: 'woocommerce', targetSystem: 'woocommerce' }).credentials).toEqual(woo);
		expect(evaluate({ sourceSystem: 'enova365', targetSystem: 'idosell' }).credentials).toEqual([]);
		expect(evaluate({ operation: 'resetBaseline', sourceSystem: 'woocommerce' }).credentials).toEqual([]);
	});
});
