import { describe, expect, it } from 'vitest';
import { anActivity, aRecord, ENDS, STARTS } from '../../../test-data/activity-fixtures';
import { activityCodeFor, codeWindowAt } from '../codes/activity-code';
import { publicKeyOf } from '../codes/ed25519-signing';
import { admitActivityCode, nextSelfCheck } from './self-check-in';

const SECRET = '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42';
const activity = anActivity({ publicKey: publicKeyOf(SECRET) ?? '' });
const codeAt = (at: Date, id = activity.id) => activityCodeFor(id, codeWindowAt(at), SECRET);

describe('nextSelfCheck', () => {
	it('checks in first, then out, then nothing more', () => {
		expect(nextSelfCheck([])).toBe('in');
		expect(nextSelfCheck([aRecord('signup')])).toBe('in');
		expect(nextSelfCheck([aRecord('signup'), aRecord('in')])).toBe('out');
		expect(nextSelfCheck([aRecord('in'), aRecord('out')])).toBe('done');
	});

	it('counts a check-out an organiser recorded without a check-in as done', () => {
		expect(nextSelfCheck([aRecord('out')])).toBe('done');
	});
});

describe('admitActivityCode', () => {
	const during = new Date(STARTS.getTime() + 30 * 60_000);

	it('checks the member in, then out, with a current code of the activity', () => {
		expect(admitActivityCode(codeAt(during), activity, [], during)).toEqual({
			ok: true,
			kind: 'in'
		});
		expect(admitActivityCode(codeAt(during), activity, [aRecord('in')], during)).toEqual({
			ok: true,
			kind: 'out'
		});
	});

	it('tells a member already checked out so', () => {
		const own = [aRecord('in'), aRecord('out')];
		expect(admitActivityCode(codeAt(during), activity, own, during)).toEqual({
			ok: false,
			problem: 'already-out'
		});
	});

	it('refuses a code that is not a current one of this activity first', () => {
		const stale = new Date(during.getTime() - 10 * 60_000);
		expect(admitActivityCode('nonsense', activity, [], during)).toMatchObject({
			problem: 'malformed'
		});
		expect(admitActivityCode(codeAt(stale), activity, [], during)).toMatchObject({
			problem: 'expired'
		});
		expect(admitActivityCode(codeAt(during, 'act-other'), activity, [], during)).toMatchObject({
			problem: 'other-activity'
		});
		// Even for a cancelled activity: a forged code says nothing about it.
		const cancelled = { ...activity, cancelled: true };
		expect(admitActivityCode('nonsense', cancelled, [], during)).toMatchObject({
			problem: 'malformed'
		});
	});

	it('refuses a cancelled activity and one out of check-in hours', () => {
		expect(admitActivityCode(codeAt(during), { ...activity, cancelled: true }, [], during)).toEqual(
			{ ok: false, problem: 'cancelled' }
		);
		const early = new Date(STARTS.getTime() - 61 * 60_000);
		expect(admitActivityCode(codeAt(early), activity, [], early)).toEqual({
			ok: false,
			problem: 'before-opening'
		});
		const late = new Date(ENDS.getTime() + 61 * 60_000);
		expect(admitActivityCode(codeAt(late), activity, [aRecord('in')], late)).toEqual({
			ok: false,
			problem: 'after-closing'
		});
	});
});
