import { describe, expect, it } from 'vitest';
import { isCurrent, navItemsFor } from './navigation';

const paths = (roles: Parameters<typeof navItemsFor>[0]) => navItemsFor(roles).map((i) => i.path);

describe('navItemsFor', () => {
	it('gives a member reporting, messages and their own page', () => {
		expect(paths([{ role: 'member' }])).toEqual(['/', '/report', '/notices', '/profile']);
	});

	it('puts the branch first for a secretary who is also a member', () => {
		expect(paths([{ role: 'member' }, { role: 'secretary', branchId: 'br1' }])).toEqual([
			'/',
			'/branch',
			'/report',
			'/notices',
			'/profile'
		]);
	});

	it('gives community staff the review queue and the reported members', () => {
		expect(paths([{ role: 'community_staff', communityId: 'cm1' }])).toEqual([
			'/',
			'/review',
			'/residents',
			'/notices',
			'/profile'
		]);
	});

	it('gives the office coverage, and the administrator only home and their page', () => {
		expect(paths([{ role: 'office', orgId: 'org-a' }])).toEqual([
			'/',
			'/coverage',
			'/notices',
			'/profile'
		]);
		expect(paths([{ role: 'admin' }])).toEqual(['/', '/profile']);
	});

	it('never gives a phone more than five tabs for the roles people combine', () => {
		expect(
			navItemsFor([{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]).length
		).toBeLessThanOrEqual(5);
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
