/** Validates POHODA XML against Stormware's schemas in ../shared/pohoda-xsd with xmllint (tests and simulator only). */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
export const POHODA_XSD_DIR = path.resolve(repoRoot, '../shared/pohoda-xsd');

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
	const { code, stderr } = await xmllint(['--noout', '--schema', path.join(POHODA_XSD_DIR, schema), '-'], xml);
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
		const { stderr } = await xmllint(['--noout', '--schema', path.join(POHODA_XSD_DIR, schema), ...files]);
		const lines = errorsOf(stderr);
		return files.map((file) => lines.filter((line) => line.startsWith(file)));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
