/** Runs `task` for 0..count-1 with at most `limit` running at once; resolves when all have settled. */
export async function forEachLimited(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}

/** Wraps an async function so that its calls run one after another, never interleaved. */
export function oneAtATime<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
	let tail: Promise<unknown> = Promise.resolve();
	return (...args) => {
		const result = tail.then(() => fn(...args));
		tail = result.then(
			() => undefined,
			() => undefined,
		);
		return result;
	};
}
