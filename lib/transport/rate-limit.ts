export interface RateLimit {
	/** Sustained requests per second */
	perSecond: number;
	/** Requests allowed at once before the sustained rate applies */
	burst: number;
}

type Sleep = (ms: number) => Promise<void>;
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Token bucket. `take()` waits until a token is free; callers are served in arrival order. */
export class TokenBucket {
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
