import { describe, expect, it } from 'vitest';
import { accountState, lockedUntil } from './account-states';

const now = new Date('2026-11-20T04:00:00Z');
const later = '2026-11-20T05:00:00.000Z';
const earlier = '2026-11-20T03:00:00.000Z';

describe('accountState', () => {
	it('is active with a password and no running lock', () => {
		expect(accountState({ passwordHash: 'scrypt$x' }, now)).toBe('active');
		expect(
			accountState({ passwordHash: 'scrypt$x', lockouts: { a: { lockedUntil: earlier } } }, now)
		).toBe('active');
	});

	it('is locked while any address is locked out', () => {
		const account = {
			passwordHash: 'scrypt$x',
			lockouts: { a: {}, b: { lockedUntil: later }, c: { lockedUntil: earlier } }
		};
		expect(accountState(account, now)).toBe('locked');
		expect(lockedUntil(account, now)).toBe(later);
	});

	it('waits for activation without a password; deactivation trumps all', () => {
		expect(accountState({ passwordHash: '' }, now)).toBe('pending-activation');
		expect(
			accountState(
				{ passwordHash: '', deactivatedAt: earlier, lockouts: { b: { lockedUntil: later } } },
				now
			)
		).toBe('deactivated');
	});
});
