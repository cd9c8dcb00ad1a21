/**
 * Suites that need something a fresh clone may lack (POHODA schemas, a real n8n, a real shop, a database server).
 * Without it the suite is skipped and says why; with ORDER_SYNC_NO_SKIP=1 (set by .ci/run) it fails instead.
 */
export function describeWith(need: string, missing: string | undefined, suite: () => void): void {
	if (!missing) {
		describe(need, suite);
		return;
	}
	if (process.env.ORDER_SYNC_NO_SKIP === '1') {
		describe(need, () => {
			it(`has ${need}`, () => {
				throw new Error(`${need} is required in this run (ORDER_SYNC_NO_SKIP=1): ${missing}`);
			});
		});
		return;
	}
	process.stderr.write(`SKIP ${need}: ${missing}\n`);
	describe.skip(`${need} (skipped: ${missing})`, suite);
}
