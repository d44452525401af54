import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimits } from './sign-in-limits';

const T0 = 1_700_000_000_000;
const rules = {
	perAddress: { burst: 5, perMinute: 6 },
	perUsernameAndAddress: { burst: 2, perMinute: 1 },
	maxTracked: 100
};

describe('SignInLimits', () => {
	it('allows a burst per address, then refuses with the wait until the next try', () => {
		const limits = new SignInLimits(rules);
		for (let i = 0; i < 5; i++) expect(limits.takeForAddress('10.0.0.1', T0)).toEqual({ ok: true });
		// 6 a minute: the next try is 10 s away.
		expect(limits.takeForAddress('10.0.0.1', T0)).toEqual({ ok: false, retryAfterSeconds: 10 });
		expect(limits.takeForAddress('10.0.0.2', T0)).toEqual({ ok: true });
		expect(limits.takeForAddress('10.0.0.1', T0 + 9_999).ok).toBe(false);
		expect(limits.takeForAddress('10.0.0.1', T0 + 10_000)).toEqual({ ok: true });
	});

	it('limits a username per address, leaving other names and addresses alone', () => {
		const limits = new SignInLimits(rules);
		expect(limits.takeForUsername('10.0.0.1', 'member1', T0).ok).toBe(true);
		expect(limits.takeForUsername('10.0.0.1', 'member1', T0).ok).toBe(true);
		expect(limits.takeForUsername('10.0.0.1', 'member1', T0)).toEqual({
			ok: false,
			retryAfterSeconds: 60
		});
		expect(limits.takeForUsername('10.0.0.1', 'member2', T0).ok).toBe(true);
		expect(limits.takeForUsername('10.0.0.2', 'member1', T0).ok).toBe(true);
	});

	it('lets an office of 100 behind one address sign in together, each retyping once', () => {
		const limits = new SignInLimits(DEFAULT_SIGN_IN_LIMITS);
		for (let person = 0; person < 100; person++) {
			for (let attempt = 0; attempt < 2; attempt++) {
				const now = T0 + person * 1000;
				expect(limits.takeForAddress('10.1.1.1', now).ok).toBe(true);
				expect(limits.takeForUsername('10.1.1.1', `member${person}`, now).ok).toBe(true);
			}
		}
	});

	it('keeps one person to a few tries a minute by default', () => {
		const limits = new SignInLimits(DEFAULT_SIGN_IN_LIMITS);
		const answers = Array.from({ length: 30 }, () =>
			limits.takeForUsername('10.1.1.1', 'admin', T0)
		);
		expect(answers.filter((answer) => answer.ok)).toHaveLength(
			DEFAULT_SIGN_IN_LIMITS.perUsernameAndAddress.burst
		);
		expect(DEFAULT_SIGN_IN_LIMITS.perUsernameAndAddress.burst).toBeLessThanOrEqual(10);
	});

	it('remembers a bounded number of buckets, forgetting refilled ones first', () => {
		const limits = new SignInLimits({ ...rules, maxTracked: 10 });
		for (let i = 0; i < 10; i++) limits.takeForAddress(`10.0.0.${i}`, T0);
		// A minute later every bucket has refilled: making room forgets them without effect.
		limits.takeForAddress('10.0.1.1', T0 + 60_000);
		expect(limits.tracked).toBe(1);
		// A flood of new addresses never grows the map beyond its bound.
		for (let i = 0; i < 1000; i++) limits.takeForAddress(`10.2.${i >> 8}.${i & 255}`, T0);
		expect(limits.tracked).toBeLessThanOrEqual(10);
	});
});
