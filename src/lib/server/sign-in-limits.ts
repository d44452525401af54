import { TokenBuckets, type BucketRule, type LimitVerdict } from './token-buckets';

export type { LimitVerdict } from './token-buckets';

/**
 * How often one client address may try to sign in, in all and per username. Token buckets: a
 * bucket holds up to `burst` tries and refills `perMinute` a minute. The per-address bucket is
 * generous, since a whole office or school may share one address behind a NAT or proxy and sign
 * in together on a Monday morning; the per-(username, address) one is tight, since one person
 * retyping a password needs few tries. Kept in memory: each app process limits on its own, which
 * bounds what a flood costs each process (see docs/operations.md).
 */
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

export class SignInLimits {
	private readonly buckets: TokenBuckets;

	constructor(private readonly options: SignInLimitsOptions = DEFAULT_SIGN_IN_LIMITS) {
		this.buckets = new TokenBuckets(options.maxTracked);
	}

	/** Takes one try for the address alone: checked before the body is read. */
	takeForAddress(address: string, nowMs: number): LimitVerdict {
		return this.buckets.take(`a\u0000${address}`, this.options.perAddress, nowMs);
	}

	/** Takes one try for the username from the address. */
	takeForUsername(address: string, username: string, nowMs: number): LimitVerdict {
		return this.buckets.take(
			`u\u0000${address}\u0000${username}`,
			this.options.perUsernameAndAddress,
			nowMs
		);
	}

	get tracked(): number {
		return this.buckets.tracked;
	}
}
