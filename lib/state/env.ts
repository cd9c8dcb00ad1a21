import { readFileSync } from 'node:fs';

/** A setting as n8n reads it: the variable itself, or else the content of the file named by `<NAME>_FILE`. */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
	const value = env[name];
	if (value) return value;
	const file = env[`${name}_FILE`];
	return file ? readFileSync(file, 'utf8') : undefined;
}

/** `true`/`1` and `false`/`0` as n8n reads its boolean settings; anything else counts as unset. */
export function envFlag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
	const value = envValue(env, name)?.toLowerCase();
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	return undefined;
}
