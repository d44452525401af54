import { describe, expect, it } from 'vitest';
import { grantsOf } from './roles';

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
