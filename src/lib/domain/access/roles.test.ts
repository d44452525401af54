import { describe, expect, it } from 'vitest';
import { grantsOf, isStreetStaffOf } from './roles';

describe('grantsOf', () => {
	it('picks the grants of one role, in order', () => {
		const roles = [
			{ role: 'member' },
			{ role: 'community_staff', communityId: 'cm1' },
			{ role: 'secretary', branchId: 'br1' },
			{ role: 'community_staff', communityId: 'cm2' }
		] as const;
		expect(grantsOf(roles, 'community_staff').map((g) => g.communityId)).toEqual(['cm1', 'cm2']);
		expect(grantsOf(roles, 'office')).toEqual([]);
	});
});

describe('isStreetStaffOf', () => {
	it('holds for the streets granted only', () => {
		const actor = { username: 'jd1', roles: [{ role: 'street_staff' as const, streetId: 'st1' }] };
		expect(isStreetStaffOf(actor, 'st1')).toBe(true);
		expect(isStreetStaffOf(actor, 'st2')).toBe(false);
	});
});
