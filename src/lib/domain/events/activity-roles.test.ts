import { describe, expect, it } from 'vitest';
import { aBranchActivity, anActivity, ENDS } from '../../../test-data/activity-fixtures';
import { office, otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import { isOrganiser, mayCancelActivity, runsCheckIn, seesAttendanceList } from './activity-roles';

/** Staff of cm2 who did not create the activity, nor were named its organiser. */
const colleague: Actor = { ...staff, username: 'community2b' };

describe('isOrganiser and runsCheckIn', () => {
	it('names the organisers only, not everyone who may organise in the community', () => {
		expect(isOrganiser(staff, anActivity())).toBe(true);
		expect(isOrganiser(colleague, anActivity())).toBe(false);
		expect(isOrganiser(colleague, anActivity({ organisers: ['community2', 'community2b'] }))).toBe(
			true
		);
	});

	it('lets organisers run check-in until the activity is cancelled', () => {
		expect(runsCheckIn(staff, anActivity())).toBe(true);
		expect(runsCheckIn(staff, anActivity({ cancelled: true }))).toBe(false);
		expect(runsCheckIn(owner, anActivity())).toBe(false);
	});
});

describe('seesAttendanceList', () => {
	it('shows the list to the organisers', () => {
		expect(seesAttendanceList(staff, anActivity())).toBe(true);
		expect(seesAttendanceList(secretary, aBranchActivity())).toBe(true);
	});

	it("shows it to the host branch's secretary, organiser or not", () => {
		const byStaff = aBranchActivity({ organisers: ['community2'], createdBy: 'community2' });
		expect(seesAttendanceList(secretary, byStaff)).toBe(true);
		const otherBranch = aBranchActivity({ hostBranchId: 'br2', organisers: ['community2'] });
		expect(seesAttendanceList(secretary, otherBranch)).toBe(false);
	});

	it('hides it from members, other staff and the office', () => {
		for (const actor of [owner, colleague, otherStaff, office]) {
			expect(seesAttendanceList(actor, aBranchActivity())).toBe(false);
		}
		// A community's own activity has no host branch, so no secretary sees it as such.
		expect(seesAttendanceList(secretary, anActivity())).toBe(false);
	});
});

describe('mayCancelActivity', () => {
	const before = new Date(ENDS.getTime() - 1);
	const after = new Date(ENDS.getTime() + 1);

	it('lets whoever may organise in the community cancel, before the activity ends', () => {
		expect(mayCancelActivity(staff, anActivity(), before)).toBe(true);
		expect(mayCancelActivity(colleague, anActivity(), before)).toBe(true);
		expect(mayCancelActivity(secretary, aBranchActivity(), before)).toBe(true);
		expect(mayCancelActivity(staff, aBranchActivity(), before)).toBe(true);
	});

	it('refuses others, a cancelled activity and one that is over', () => {
		expect(mayCancelActivity(otherStaff, anActivity(), before)).toBe(false);
		expect(mayCancelActivity(secretary, anActivity(), before)).toBe(false);
		expect(mayCancelActivity(owner, aBranchActivity(), before)).toBe(false);
		expect(mayCancelActivity(staff, anActivity({ cancelled: true }), before)).toBe(false);
		expect(mayCancelActivity(staff, anActivity(), after)).toBe(false);
	});
});
