import { describe, expect, it } from 'vitest';
import { isCurrent, MAX_TABS, navItemsFor } from './navigation';

const paths = (roles: Parameters<typeof navItemsFor>[0]) => navItemsFor(roles).map((i) => i.path);

describe('navItemsFor', () => {
	it('gives a member reporting, activities after it, messages and their own page', () => {
		expect(paths([{ role: 'member' }])).toEqual([
			'/',
			'/report',
			'/activities',
			'/notices',
			'/profile'
		]);
	});

	it('puts the branch first and activities after it for a secretary who is also a member', () => {
		expect(paths([{ role: 'member' }, { role: 'secretary', branchId: 'br1' }])).toEqual([
			'/',
			'/branch',
			'/activities',
			'/report',
			'/profile'
		]);
	});

	it('gives community staff the review queue, activities and the reported members', () => {
		expect(paths([{ role: 'community_staff', communityId: 'cm1' }])).toEqual([
			'/',
			'/review',
			'/activities',
			'/residents',
			'/profile'
		]);
	});

	it('gives the office coverage and no activities, which it does not hold; the administrator only home and their page', () => {
		expect(paths([{ role: 'office', orgId: 'org-a' }])).toEqual([
			'/',
			'/coverage',
			'/notices',
			'/profile'
		]);
		expect(paths([{ role: 'admin' }])).toEqual(['/', '/profile']);
	});

	it('never gives a phone more than five tabs for the roles people combine', () => {
		const combinations: Parameters<typeof navItemsFor>[0][] = [
			[{ role: 'member' }, { role: 'secretary', branchId: 'br1' }],
			[{ role: 'community_staff', communityId: 'cm1' }],
			[{ role: 'community_staff', communityId: 'cm1' }, { role: 'member' }],
			[{ role: 'office', orgId: 'org-a' }, { role: 'member' }]
		];
		for (const roles of combinations) {
			expect(navItemsFor(roles).length).toBeLessThanOrEqual(MAX_TABS);
		}
	});
});

describe('isCurrent', () => {
	const [home, report] = navItemsFor([{ role: 'member' }]);
	it('matches home only exactly, other screens with their sub-paths', () => {
		expect(home && isCurrent(home, '/')).toBe(true);
		expect(home && isCurrent(home, '/report')).toBe(false);
		expect(report && isCurrent(report, '/report/x')).toBe(true);
	});
});
