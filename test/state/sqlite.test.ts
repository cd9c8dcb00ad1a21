import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryStateStore } from '../../lib/state/memory';
import { describeWith } from '../helpers/requires';
import { nodeWithSqlite } from '../helpers/modern-node';
import { describeStoreContract } from './contract';
import { RemoteStateStore } from './remote-store';

const { binary, missing } = nodeWithSqlite();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-sync-sqlite-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const opener = { module: path.join(__dirname, 'sqlite-open.ts'), exportName: 'openSqliteStore', config: { file: path.join(dir, 'state.sqlite') } };

// Jest runs on Node 20; the store runs in the Node that n8n runs on (22/24), in processes of its own.
describeWith('a Node.js with node:sqlite', missing, () => {
	describeStoreContract('SQLite', () => RemoteStateStore.open('sqlite', binary!, opener), {
		childProcess: () => ({ ...opener, nodeBinary: binary }),
	});

	it('keeps its file in WAL mode, so several n8n processes on the host read and write it at once', async () => {
		const store = await RemoteStateStore.open('sqlite', binary!, opener);
		await store.namespace('wal').set('k', { at: 1 });
		expect(fs.existsSync(`${opener.config.file}-wal`)).toBe(true);
		await store.close();
	});
});

describeStoreContract('In-memory', async () => new MemoryStateStore(), { shared: false });
