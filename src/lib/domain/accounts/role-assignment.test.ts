import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../access/roles';
import {
	describeGrants,
	grantKey,
	mayAssign,
	parseRoleGrants,
	roleChanges
} from './role-assignment';

const admin: Actor = { username: 'admin', roles: [{ role: 'admin' }] };
const office: Actor = { username: 'office1', roles: [{ role: 'office', orgId: 'org-a' }] };
const member: Actor = { username: 'member1', memberId: 'm1', roles: [{ role: 'member' }] };
const bureauOf = (branchId: string) => ({ br1: 'org-a', br9: 'org-b' })[branchId];

describe('mayAssign', () => {
	it('lets the admin assign anything anywhere', () => {
		expect(mayAssign(admin, {}, { role: 'street_staff', streetId: 'st1' })).toBe(true);
		expect(mayAssign(admin, { orgId: 'org-b' }, { role: 'admin' })).toBe(true);
	});

	it("lets an office assign its bureau's roles on its bureau's accounts only", () => {
		const mine = { orgId: 'org-a' };
		expect(mayAssign(office, mine, { role: 'member' })).toBe(true);
		expect(mayAssign(office, mine, { role: 'secretary', branchId: 'br1' }, bureauOf)).toBe(true);
		expect(mayAssign(office, mine, { role: 'office', orgId: 'org-a' })).toBe(true);
		expect(mayAssign(office, mine, { role: 'secretary', branchId: 'br9' }, bureauOf)).toBe(false);
		expect(mayAssign(office, mine, { role: 'secretary', branchId: 'br1' })).toBe(false);
		expect(mayAssign(office, mine, { role: 'office', orgId: 'org-b' })).toBe(false);
		expect(mayAssign(office, mine, { role: 'community_staff', communityId: 'cm1' })).toBe(false);
		expect(mayAssign(office, mine, { role: 'street_staff', streetId: 'st1' })).toBe(false);
		expect(mayAssign(office, mine, { role: 'admin' })).toBe(false);
		expect(mayAssign(office, { orgId: 'org-b' }, { role: 'member' })).toBe(false);
		expect(mayAssign(office, {}, { role: 'member' })).toBe(false);
	});

	it('lets nobody else assign anything', () => {
		expect(mayAssign(member, { orgId: 'org-a' }, { role: 'member' })).toBe(false);
	});
});

describe('parseRoleGrants', () => {
	it('keeps well-formed grants once each', () => {
		const grants = [
			{ role: 'member' },
			{ role: 'secretary', branchId: 'br1' },
			{ role: 'member' },
			{ role: 'street_staff', streetId: 'st-1' }
		];
		expect(parseRoleGrants(grants)).toEqual([grants[0], grants[1], grants[3]]);
		expect(parseRoleGrants([])).toEqual([]);
	});

	it('refuses unknown roles, missing, extra or malformed ids', () => {
		expect(parseRoleGrants('member')).toBeNull();
		expect(parseRoleGrants([{ role: 'king' }])).toBeNull();
		expect(parseRoleGrants([{ role: 'secretary' }])).toBeNull();
		expect(parseRoleGrants([{ role: 'member', branchId: 'br1' }])).toBeNull();
		expect(parseRoleGrants([{ role: 'office', orgId: '../x' }])).toBeNull();
		expect(parseRoleGrants([{ role: 'office', orgId: 'a'.repeat(41) }])).toBeNull();
		expect(parseRoleGrants([null])).toBeNull();
		expect(parseRoleGrants(Array.from({ length: 51 }, () => ({ role: 'member' })))).toBeNull();
	});
});

describe('role changes', () => {
	it('tell added and removed grants apart and describe them', () => {
		const before: RoleGrant[] = [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }];
		const after: RoleGrant[] = [{ role: 'member' }, { role: 'office', orgId: 'org-a' }];
		expect(roleChanges(before, after)).toEqual({
			added: [{ role: 'office', orgId: 'org-a' }],
			removed: [{ role: 'secretary', branchId: 'br1' }]
		});
		expect(grantKey({ role: 'community_staff', communityId: 'cm1' })).toBe('community_staff:cm1');
		expect(describeGrants(after)).toBe('member, office:org-a');
	});
});
