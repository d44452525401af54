import { describe, expect, it } from 'vitest';
import { aBranchActivity, anActivity, ENDS } from '../../../test-data/activity-fixtures';
import { otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import { holdsAllSignUps, signUpChoice, signUpState, type SignUpState } from './sign-ups';

const before = new Date(ENDS.getTime() - 60_000);
const none = { signups: 0, signedUp: false };

describe('signUpState', () => {
	it('is open for an activity asking for sign-ups until it ends', () => {
		expect(signUpState(anActivity(), none, before)).toBe('open');
		expect(signUpState(anActivity(), none, ENDS)).toBe('open');
		expect(signUpState(anActivity(), none, new Date(ENDS.getTime() + 1))).toBe('closed');
	});

	it('is closed for a branch-wide activity and a cancelled one', () => {
		expect(signUpState(anActivity({ expected: 'branch' }), none, before)).toBe('closed');
		expect(signUpState(anActivity({ cancelled: true }), none, before)).toBe('closed');
	});

	it('is full once the sign-ups this device knows reach the capacity', () => {
		const limited = anActivity({ capacity: 2 });
		expect(signUpState(limited, { signups: 1, signedUp: false }, before)).toBe('open');
		expect(signUpState(limited, { signups: 2, signedUp: false }, before)).toBe('full');
		expect(signUpState(limited, { signups: 3, signedUp: false }, before)).toBe('full');
		expect(signUpState(anActivity(), { signups: 500, signedUp: false }, before)).toBe('open');
	});

	it('stays open for a member among the sign-ups, so they can withdraw', () => {
		const limited = anActivity({ capacity: 2 });
		expect(signUpState(limited, { signups: 2, signedUp: true }, before)).toBe('open');
	});

	it('says closed rather than full once the activity is over', () => {
		const limited = anActivity({ capacity: 1 });
		expect(signUpState(limited, { signups: 1, signedUp: false }, new Date('2026-07-01'))).toBe(
			'closed'
		);
	});
});

describe('signUpChoice', () => {
	const own = (signedUp: boolean, checkedIn = false) => ({ signedUp, checkedIn });

	it.each([
		['open', own(false), 'sign-up'],
		['open', own(true), 'withdraw'],
		['full', own(false), 'full'],
		['closed', own(false), null],
		['closed', own(true), null],
		['open', own(true, true), null],
		['open', own(false, true), null],
		['full', own(false, true), null]
	] as const)('%s, %o → %s', (state: SignUpState, mine, choice) => {
		expect(signUpChoice(state, mine)).toBe(choice);
	});
});

describe('holdsAllSignUps', () => {
	it('is true for the community staff and the host branch secretary, who receive every record', () => {
		expect(holdsAllSignUps(staff, anActivity())).toBe(true);
		expect(holdsAllSignUps(staff, aBranchActivity())).toBe(true);
		expect(holdsAllSignUps(secretary, aBranchActivity())).toBe(true);
	});

	it('is false for a member, whose device holds only their own, and for other staff', () => {
		expect(holdsAllSignUps(owner, anActivity())).toBe(false);
		expect(holdsAllSignUps(secretary, anActivity())).toBe(false);
		expect(holdsAllSignUps(otherStaff, anActivity())).toBe(false);
	});
});
