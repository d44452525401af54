/**
 * The people the domain tests act as (test fixtures; only `*.test.ts` files import this).
 * One bureau, org-a, has branch br1; member1 (m001) belongs to br1 and lives in community cm2.
 * A test that needs someone shaped differently defines that actor locally.
 */
import type { Actor } from '../lib/domain/access/roles';

/** A party member of br1 in org-a: the owner of the m001 documents. */
export const owner: Actor = {
	username: 'member1',
	memberId: 'm001',
	branchId: 'br1',
	orgId: 'org-a',
	roles: [{ role: 'member' }]
};

/** Another member of the same branch. */
export const otherMember: Actor = {
	username: 'member2',
	memberId: 'm002',
	branchId: 'br1',
	orgId: 'org-a',
	roles: [{ role: 'member' }]
};

/** The secretary of br1, a member of it as well. */
export const secretary: Actor = {
	username: 'secretary1',
	memberId: 'm121',
	branchId: 'br1',
	orgId: 'org-a',
	roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]
};

/** The office of org-a, the member's bureau. */
export const office: Actor = { username: 'office1', roles: [{ role: 'office', orgId: 'org-a' }] };

/** The office of another bureau, org-b. */
export const otherOffice: Actor = {
	username: 'office2',
	roles: [{ role: 'office', orgId: 'org-b' }]
};

/** Staff of cm2, the community the member lives in. */
export const staff: Actor = {
	username: 'community2',
	roles: [{ role: 'community_staff', communityId: 'cm2' }]
};

/** Staff of another community, cm1. */
export const otherStaff: Actor = {
	username: 'community1',
	roles: [{ role: 'community_staff', communityId: 'cm1' }]
};

export const admin: Actor = { username: 'admin', roles: [{ role: 'admin' }] };
