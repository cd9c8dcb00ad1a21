export interface RateLimit {
	/** Sustained requests per second */
	perSecond: number;
	/** Requests allowed at once before the sustained rate applies */
	burst: number;
}

type Sleep = (ms: number) => Promise<void>;
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the next request may go. */
export interface RequestPacer {
	take(): Promise<void>;
}

/** Reserves one request of a budget of `capacity` per `windowMs`; resolves to how long to wait (the state store's). */
export type Reserve = (bucket: string, capacity: number, windowMs: number) => Promise<number>;

/** Builds the pacer of a vendor's budget (vendor + account) for a connector. */
export type BudgetFactory = (bucket: string, limit: RateLimit) => RequestPacer;

/**
 * A vendor's budget shared through the state store by every execution, workflow and n8n process that uses the
 * same account: each request reserves its slot there, so together they never exceed the vendor's rate.
 */
export class SharedBudget implements RequestPacer {
	constructor(
		private readonly reserve: Reserve,
		private readonly bucket: string,
		private readonly limit: RateLimit,
		private readonly wait: Sleep = sleep,
	) {}

	async take(): Promise<void> {
		const waitMs = await this.reserve(this.bucket, this.limit.perSecond, 1000);
		if (waitMs > 0) await this.wait(waitMs);
	}
}

/** Token bucket. `take()` waits until a token is free; callers are served in arrival order. */
export class TokenBucket implements RequestPacer {
	private tokens: number;
	private updatedAt: number;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly limit: RateLimit,
		private readonly now: () => number = Date.now,
		private readonly wait: Sleep = sleep,
	) {
		this.tokens = limit.burst;
		this.updatedAt = now();
	}

	take(): Promise<void> {
		const turn = this.queue.then(() => this.takeNow());
		this.queue = turn.catch(() => undefined);
		return turn;
	}

	private async takeNow(): Promise<void> {
		for (;;) {
			const now = this.now();
			this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.limit.perSecond);
			this.updatedAt = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return;
			}
			await this.wait(Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000));
		}
	}
}

const buckets = new Map<string, TokenBucket>();

/** One bucket per key (vendor + credential), shared by every execution in this n8n process. */
export function rateLimiterFor(key: string, limit: RateLimit): TokenBucket {
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = new TokenBucket(limit);
		buckets.set(key, bucket);
	}
	return bucket;
}
