import { describe, expect, it } from 'vitest';
import { office, secretary, staff } from '../../../test-data/test-actors';
import { agreement, item, PAIR, pushLedger } from '../../../test-data/ledger-fixtures';
import {
	badDay,
	isCalendarDay,
	pairChannels,
	sideOf,
	writesForSide,
	yearlyPairChannels
} from './ledger-pair';

describe('the ledger pair', () => {
	it("reaches the branch, the community and the branch's bureau, by year for yearly documents", () => {
		expect(pairChannels(PAIR)).toEqual(['branch:br1', 'bureau:org-a', 'community:cm2']);
		expect(yearlyPairChannels(PAIR, 2026)).toEqual([
			'branch:br1/2026',
			'bureau:org-a/2026',
			'community:cm2/2026'
		]);
	});

	it("is written by the branch's secretary for the branch, the community's staff for it", () => {
		expect(sideOf(secretary, PAIR)).toBe('branch');
		expect(sideOf(staff, PAIR)).toBe('community');
		expect(sideOf(office, PAIR)).toBeNull();
		expect(writesForSide(secretary, PAIR, 'community')).toBe(false);
		expect(writesForSide(staff, { ...PAIR, communityId: 'cm1' }, 'community')).toBe(false);
	});
});

describe('ledger days', () => {
	it('are real calendar days', () => {
		expect(isCalendarDay('2028-02-29')).toBe(true);
		expect(isCalendarDay('2026-02-29')).toBe(false);
		expect(isCalendarDay('2026-04-31')).toBe(false);
		expect(isCalendarDay('2026-4-30')).toBe(false);
		expect(isCalendarDay('')).toBe(false);
		expect(badDay({ dueOn: '2026-06-30', doneOn: undefined, heldOn: '2026-06-31' })).toBe('heldOn');
		expect(badDay({ dueOn: '2026-06-30', doneOn: undefined })).toBeNull();
	});

	it('are refused by the policies when no calendar day', () => {
		expect(pushLedger(secretary, agreement({ endsOn: '2027-02-30' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'endsOn'
		});
		expect(pushLedger(secretary, item({ dueOn: '2026-09-31' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'dueOn'
		});
	});
});
