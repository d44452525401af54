import { describe, expect, it } from 'vitest';
import { aBranch } from '../../../test-data/reporting-fixtures';
import { admin, office, otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import { mayOrganiseIn } from './activities';
import {
	activityScopes,
	branchesWithoutCommunity,
	hostBranchesFor,
	hostOf,
	mayHoldActivities
} from './activity-scopes';

const br1 = aBranch('br1', '第一党支部', 'cm2');
const br2 = aBranch('br2', '第二党支部', 'cm2');
const br3 = aBranch('br3', '第三党支部', 'cm1');
const unlinked = aBranch('br4', '第四党支部');
const orgs = [br1, br2, br3, unlinked];

/** Staff of two communities who also lead br3 and the unlinked br4. */
const busy: Actor = {
	username: 'busy',
	roles: [
		{ role: 'community_staff', communityId: 'cm1' },
		{ role: 'community_staff', communityId: 'cm2' },
		{ role: 'secretary', branchId: 'br3' },
		{ role: 'secretary', branchId: 'br4' }
	]
};

describe('mayHoldActivities', () => {
	it('is for community staff and branch secretaries', () => {
		expect(mayHoldActivities(staff)).toBe(true);
		expect(mayHoldActivities(secretary)).toBe(true);
		for (const actor of [owner, office, admin]) expect(mayHoldActivities(actor)).toBe(false);
	});
});

describe('activityScopes', () => {
	it('gives staff their community, with no branch fixed', () => {
		expect(activityScopes(staff, orgs)).toEqual([
			{ key: 'community:cm2', communityId: 'cm2', branch: null }
		]);
	});

	it("gives a secretary their branch, in the branch's linked community", () => {
		expect(activityScopes(secretary, orgs)).toEqual([
			{ key: 'branch:br1', communityId: 'cm2', branch: br1 }
		]);
	});

	it('lists communities first, then branches, and leaves out a branch without a community', () => {
		expect(activityScopes(busy, orgs).map((s) => s.key)).toEqual([
			'community:cm1',
			'community:cm2',
			'branch:br3'
		]);
		expect(branchesWithoutCommunity(busy, orgs)).toEqual(['br4']);
	});

	it('gives nothing to others, nor to a secretary whose branch this device does not hold', () => {
		expect(activityScopes(owner, orgs)).toEqual([]);
		expect(activityScopes(office, orgs)).toEqual([]);
		expect(activityScopes(secretary, [])).toEqual([]);
		expect(branchesWithoutCommunity(secretary, [])).toEqual(['br1']);
		expect(branchesWithoutCommunity(secretary, orgs)).toEqual([]);
		expect(branchesWithoutCommunity(staff, orgs)).toEqual([]);
	});

	it('offers only scopes the write policy accepts', () => {
		for (const actor of [staff, otherStaff, secretary, busy]) {
			for (const scope of activityScopes(actor, orgs)) {
				for (const host of [scope.branch, ...hostBranchesFor(scope, orgs)]) {
					const where = {
						communityId: scope.communityId,
						...(host ? { hostBranchId: host.id } : {})
					};
					expect(mayOrganiseIn(actor, where)).toBe(true);
				}
			}
		}
	});
});

describe('hostBranchesFor and hostOf', () => {
	const [community] = activityScopes(staff, orgs);
	const [branch] = activityScopes(secretary, orgs);

	it('lets staff choose among the branches linked to their community', () => {
		expect(hostBranchesFor(community, orgs)).toEqual([br1, br2]);
		expect(hostBranchesFor(community, [aBranch('br9', '外支部', 'cm9')])).toEqual([]);
	});

	it('gives a secretary no choice: the host is their branch', () => {
		expect(hostBranchesFor(branch, orgs)).toEqual([]);
		expect(hostOf(branch, [], '')).toBe(br1);
		expect(hostOf(branch, [br2], 'br2')).toBe(br1);
	});

	it('has no host until staff choose one, and only one of the choices', () => {
		const choices = hostBranchesFor(community, orgs);
		expect(hostOf(community, choices, '')).toBeNull();
		expect(hostOf(community, choices, 'br2')).toBe(br2);
		expect(hostOf(community, choices, 'br3')).toBeNull();
		expect(hostOf(undefined, choices, 'br2')).toBe(br2);
		expect(hostBranchesFor(undefined, orgs)).toEqual([]);
	});
});
