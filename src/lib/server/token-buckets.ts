/** A bucket holds up to `burst` tries and refills `perMinute` a minute. */
export interface BucketRule {
	burst: number;
	perMinute: number;
}

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
	tokens: number;
	at: number;
	rule: BucketRule;
}

/**
 * Rate limits by key, kept in memory: each app process limits on its own, which bounds what a
 * flood costs each process. At most `maxTracked` buckets are remembered.
 */
export class TokenBuckets {
	private readonly buckets = new Map<string, Bucket>();

	constructor(private readonly maxTracked: number) {}

	/** Takes one try for `key` under `rule`, or says how long until there is one. */
	take(key: string, rule: BucketRule, nowMs: number): LimitVerdict {
		const perMs = rule.perMinute / 60_000;
		const bucket = this.buckets.get(key);
		const tokens = bucket
			? Math.min(rule.burst, bucket.tokens + Math.max(0, nowMs - bucket.at) * perMs)
			: rule.burst;
		if (tokens < 1) {
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
		}
		if (!bucket && this.buckets.size >= this.maxTracked) this.forgetIdle(nowMs);
		this.buckets.set(key, { tokens: tokens - 1, at: nowMs, rule });
		return { ok: true };
	}

	/** Drops buckets that have refilled: forgetting them changes nothing. */
	private forgetIdle(nowMs: number) {
		for (const [key, { tokens, at, rule }] of this.buckets) {
			if (tokens + ((nowMs - at) * rule.perMinute) / 60_000 >= rule.burst) {
				this.buckets.delete(key);
			}
		}
		// Still full of active buckets (a flood from very many keys): drop the oldest half rather
		// than grow without bound; those keys merely get fresh buckets.
		if (this.buckets.size >= this.maxTracked) {
			let drop = Math.ceil(this.buckets.size / 2);
			for (const key of this.buckets.keys()) {
				if (drop-- <= 0) break;
				this.buckets.delete(key);
			}
		}
	}

	get tracked(): number {
		return this.buckets.size;
	}
}
