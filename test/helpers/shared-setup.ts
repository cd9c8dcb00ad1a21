import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const STARTUP_TIMEOUT_MS = 300_000;

/**
 * Runs ../shared/<name>/setup.sh (a real shop on loopback) and reads the JSON line it prints last; or says why it
 * cannot run here (a fresh clone without ../shared, no root), for `describeWith` to skip with.
 */
export function runSharedSetup<T>(name: string, env: NodeJS.ProcessEnv): { started?: T; missing?: string } {
	const setup = path.resolve(__dirname, '../../../shared', name, 'setup.sh');
	if (!fs.existsSync(setup)) return { missing: `${setup} is not there (a fresh clone has no ../shared/${name})` };
	if (process.getuid?.() !== 0) return { missing: `${setup} needs root (it installs Debian packages and runs servers as www-data)` };
	const run = spawnSync(setup, { env, encoding: 'utf8', timeout: STARTUP_TIMEOUT_MS });
	const line = run.stdout?.trim().split('\n').pop();
	if (run.status !== 0 || !line) {
		const why = run.error?.message ?? run.stderr?.trim().split('\n').slice(-3).join(' | ');
		return { missing: `${setup} did not start the shop (exit ${run.status}): ${why}` };
	}
	return { started: JSON.parse(line) as T };
}
