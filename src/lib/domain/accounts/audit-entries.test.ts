import { describe, expect, it } from 'vitest';
import { signInOutcome } from './audit-entries';

describe('what a sign-in entry says happened', () => {
	it('tells a wrong password from a refusal whatever the password', () => {
		expect(signInOutcome({ action: 'sign-in' })).toBe('ok');
		expect(signInOutcome({ action: 'sign-in.locked' })).toBe('locked');
		expect(signInOutcome({ action: 'sign-in.failed', details: { reason: 'password' } })).toBe(
			'failed'
		);
		expect(signInOutcome({ action: 'sign-in.failed', details: { reason: 'locked' } })).toBe(
			'refused-locked'
		);
		expect(signInOutcome({ action: 'sign-in.failed', details: { reason: 'unusable' } })).toBe(
			'refused-unusable'
		);
	});

	it('has nothing to say of other actions', () => {
		expect(signInOutcome({ action: 'account.reset' })).toBeNull();
	});
});
