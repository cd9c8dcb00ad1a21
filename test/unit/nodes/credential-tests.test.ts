/**
 * n8n runs a credential's declarative `test` when it has one and only otherwise a node's `testedBy` function: a
 * credential with both would never reach our richer test. Each credential has exactly one, and a named one exists.
 */
import * as path from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';
import { n8n } from '../../../package.json';

const ROOT = path.resolve(__dirname, '../../..');
const load = <T>(distFile: string): T[] => {
	const source = path.join(ROOT, distFile.replace(/^dist\//, '').replace(/\.js$/, ''));
	return Object.values(require(source) as Record<string, new () => T>).map((Type) => new Type());
};
const credentials = n8n.credentials.flatMap((file) => load<ICredentialType>(file));
const nodes = n8n.nodes.flatMap((file) => load<INodeType>(file));

test.each(credentials.map((credential) => [credential.name, credential] as const))('%s is tested one way, and that way exists', (name, credential) => {
	const declaring = nodes.flatMap((node) => (node.description.credentials ?? []).filter((c) => c.name === name).map((c) => ({ node, testedBy: c.testedBy })));
	const testedBy = declaring.filter((d) => d.testedBy);
	if (credential.test) {
		expect(testedBy.map((d) => d.node.description.name)).toEqual([]);
		return;
	}
	expect(testedBy.length).toBeGreaterThan(0);
	for (const { node, testedBy: method } of testedBy) {
		expect(typeof node.methods?.credentialTest?.[method as string]).toBe('function');
	}
});
