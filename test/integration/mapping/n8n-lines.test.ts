/**
 * The mapper's dynamic outputs and its credential as the n8n lines we support evaluate them: with the
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
		// n8n-core's getCredentials(type): the FIRST description entry of that type, refused unless displayParameter shows it.
		const usable = (credentialType: string) => {
			const entry = (type.description.credentials ?? []).find((credential) => credential.name === credentialType);
			return entry !== undefined && NodeHelpers.displayParameter(resolved, entry, node, type.description, resolved);
		};
		return { outputs, usable };
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

	it('declares each credential type once, so n8n never checks a hidden duplicate', () => {
		const names = (type.description.credentials ?? []).map((c) => c.name);
		expect(names).toEqual([...new Set(names)]);
	});

	it('lets Map Status read the WooCommerce credential whichever side WooCommerce is on, in every direction', () => {
		const woo = 'orderSyncWooCommerceApi';
		const pairs = [
			['woocommerce', 'pohoda'],
			['enova365', 'woocommerce'],
			['woocommerce', 'woocommerce'],
		];
		for (const [sourceSystem, targetSystem] of pairs) {
			for (const direction of ['sourceToTarget', 'targetToSource', 'both']) {
				expect({ sourceSystem, targetSystem, direction, usable: evaluate({ sourceSystem, targetSystem, direction, requireComplete: true }).usable(woo) }).toEqual({
					sourceSystem,
					targetSystem,
					direction,
					usable: true,
				});
			}
		}
		expect(evaluate({ operation: 'resetBaseline', sourceSystem: 'woocommerce' }).usable(woo)).toBe(false);
		expect(evaluate({ sourceSystem: 'woocommerce' }).usable('orderSyncPohodaApi')).toBe(false);
	});
});
