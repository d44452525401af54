/**
 * How often one client address may try to sign in, in all and per username. Token buckets: a
 * bucket holds up to `burst` tries and refills `perMinute` a minute. The per-address bucket is
 * generous, since a whole office or school may share one address behind a NAT or proxy and sign
 * in together on a Monday morning; the per-(username, address) one is tight, since one person
 * retyping a password needs few tries. Kept in memory: each app process limits on its own, which
 * bounds what a flood costs each process (see docs/operations.md).
 */
export interface BucketRule {
	burst: number;
	perMinute: number;
}

export interface SignInLimitsOptions {
	perAddress: BucketRule;
	perUsernameAndAddress: BucketRule;
	/** Buckets remembered at most; full (idle) buckets are dropped first. */
	maxTracked: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitsOptions = {
	perAddress: { burst: 300, perMinute: 120 },
	perUsernameAndAddress: { burst: 10, perMinute: 10 },
	maxTracked: 100_000
};

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
	tokens: number;
	at: number;
}

export class SignInLimits {
	private readonly buckets = new Map<string, Bucket>();

	constructor(private readonly options: SignInLimitsOptions = DEFAULT_SIGN_IN_LIMITS) {}

	/** Takes one try for the address alone: checked before the body is read. */
	takeForAddress(address: string, nowMs: number): LimitVerdict {
		return this.take(`a\u0000${address}`, this.options.perAddress, nowMs);
	}

	/** Takes one try for the username from the address. */
	takeForUsername(address: string, username: string, nowMs: number): LimitVerdict {
		return this.take(
			`u\u0000${address}\u0000${username}`,
			this.options.perUsernameAndAddress,
			nowMs
		);
	}

	private take(key: string, rule: BucketRule, nowMs: number): LimitVerdict {
		const perMs = rule.perMinute / 60_000;
		const bucket = this.buckets.get(key);
		const tokens = bucket
			? Math.min(rule.burst, bucket.tokens + Math.max(0, nowMs - bucket.at) * perMs)
			: rule.burst;
		if (tokens < 1) {
			return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
		}
		if (!bucket && this.buckets.size >= this.options.maxTracked) this.forgetIdle(nowMs);
		this.buckets.set(key, { tokens: tokens - 1, at: nowMs });
		return { ok: true };
	}

	/** Drops buckets that have refilled: forgetting them changes nothing. */
	private forgetIdle(nowMs: number) {
		for (const [key, bucket] of this.buckets) {
			const rule = key.startsWith('a\u0000')
				? this.options.perAddress
				: this.options.perUsernameAndAddress;
			if (bucket.tokens + ((nowMs - bucket.at) * rule.perMinute) / 60_000 >= rule.burst) {
				this.buckets.delete(key);
			}
		}
		// Still full of active buckets (a flood from very many addresses): drop the oldest half
		// rather than grow without bound; those addresses merely get fresh buckets.
		if (this.buckets.size >= this.options.maxTracked) {
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
