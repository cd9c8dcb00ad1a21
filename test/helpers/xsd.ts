/**
 * Validates POHODA XML against Stormware's schemas with xmllint (tests and simulator only). The schemas are looked for
 * in $POHODA_XSD_DIR, else in ../shared/pohoda-xsd beside the project.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
export const POHODA_XSD_DIR = path.resolve(process.env.POHODA_XSD_DIR || path.join(repoRoot, '../shared/pohoda-xsd'));

/** Where Stormware publishes the schemas; every POHODA installation also has them in its folder Info\Schéma. */
export const POHODA_XSD_SOURCE = 'https://www.stormware.cz/pohoda/xml/seznamschemat/';

let missing: { reason: string | undefined } | undefined;

/** Why POHODA XML cannot be validated here (no schemas, no xmllint), or undefined when it can. */
export function pohodaSchemasMissing(): string | undefined {
	missing ??= { reason: findMissing() };
	return missing.reason;
}

function findMissing(): string | undefined {
	if (!fs.existsSync(path.join(POHODA_XSD_DIR, 'data.xsd'))) {
		return (
			`POHODA's XML schemas are not in ${POHODA_XSD_DIR}: put Stormware's schemas there (data.xsd with the files it ` +
			`includes; Stormware publishes them on ${POHODA_XSD_SOURCE}, and POHODA installs them in Info\\Schéma) or set ` +
			'POHODA_XSD_DIR to their folder'
		);
	}
	if (spawnSync('xmllint', ['--version']).error) return 'xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)';
	return undefined;
}

function schemaPath(schema: string): string {
	const reason = pohodaSchemasMissing();
	if (reason) throw new Error(`cannot validate against ${schema}: ${reason}`);
	return path.join(POHODA_XSD_DIR, schema);
}

/** xmllint's exit code when the schema itself could not be loaded or compiled. */
const SCHEMA_NOT_LOADED = 5;

function xmllint(args: string[], input?: Buffer | string): Promise<{ code: number; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = execFile('xmllint', args, { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
			if (error && typeof error.code !== 'number') return reject(error);
			resolve({ code: error ? Number(error.code) : 0, stderr });
		});
		if (input !== undefined) child.stdin?.end(input);
	});
}

function errorsOf(stderr: string): string[] {
	return stderr
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line && !/ validates$/.test(line));
}

/** Schema errors of one document against `schema` (data.xsd by default); empty when valid. */
export async function validateDataPack(xml: Buffer | string, schema = 'data.xsd'): Promise<string[]> {
	const { code, stderr } = await xmllint(['--noout', '--schema', schemaPath(schema), '-'], xml);
	if (code === SCHEMA_NOT_LOADED) throw new Error(`xmllint could not load ${schema}: ${stderr.trim()}`);
	const errors = errorsOf(stderr);
	return code === 0 ? [] : errors.length ? errors : [`xmllint exited with ${code}`];
}

/** Validates many documents in one xmllint run (the schema is loaded once); errors per document. */
export async function validateDataPacks(documents: Array<Buffer | string>, schema = 'data.xsd'): Promise<string[][]> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pohoda-xsd-'));
	try {
		const files = documents.map((doc, i) => {
			const file = path.join(dir, `doc-${i}.xml`);
			fs.writeFileSync(file, doc);
			return file;
		});
		const { code, stderr } = await xmllint(['--noout', '--schema', schemaPath(schema), ...files]);
		if (code === SCHEMA_NOT_LOADED) throw new Error(`xmllint could not load ${schema}: ${stderr.trim()}`);
		const lines = errorsOf(stderr);
		return files.map((file) => lines.filter((line) => line.startsWith(file)));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
