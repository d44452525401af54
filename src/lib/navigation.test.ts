import { describe, expect, it } from 'vitest';
import { isCurrent, leftOutOf, MAX_TABS, navItemsFor } from './navigation';

const paths = (roles: Parameters<typeof navItemsFor>[0]) => navItemsFor(roles).map((i) => i.path);
const leftOut = (roles: Parameters<typeof navItemsFor>[0]) => leftOutOf(roles).map((i) => i.path);

describe('navItemsFor', () => {
	it('gives a member reporting, services and activities after it, and their own page; messages give way', () => {
		expect(paths([{ role: 'member' }])).toEqual([
			'/',
			'/report',
			'/services',
			'/activities',
			'/profile'
		]);
		expect(leftOut([{ role: 'member' }])).toEqual(['/records', '/year-end', '/notices']);
	});

	it('puts the branch first and services and activities after it for a secretary who is also a member; the ledger from home', () => {
		const roles = [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }] as const;
		expect(paths([...roles])).toEqual(['/', '/branch', '/services', '/activities', '/profile']);
		expect(leftOut([...roles])).toEqual([
			'/report',
			'/ledger',
			'/records',
			'/year-end',
			'/notices'
		]);
	});

	it('gives community staff the review queue, the service desk and activities; the ledger from home', () => {
		const roles = [{ role: 'community_staff', communityId: 'cm1' }] as const;
		expect(paths([...roles])).toEqual(['/', '/review', '/services', '/activities', '/profile']);
		expect(leftOut([...roles])).toEqual(['/ledger', '/residents', '/year-end', '/notices']);
	});

	it('gives the office coverage and the year end, the roster and accounts from home, and no activities, which it does not hold', () => {
		expect(paths([{ role: 'office', orgId: 'org-a' }])).toEqual([
			'/',
			'/coverage',
			'/year-end',
			'/notices',
			'/profile'
		]);
		expect(leftOut([{ role: 'office', orgId: 'org-a' }])).toEqual(['/roster', '/accounts']);
	});

	it('gives the administrator accounts, and no messages or service screens', () => {
		expect(paths([{ role: 'admin' }])).toEqual(['/', '/accounts', '/profile']);
		expect(leftOut([{ role: 'admin' }])).toEqual([]);
	});

	it('keeps the roster and accounts reachable for an office who is also a member', () => {
		const roles = [{ role: 'office', orgId: 'org-a' }, { role: 'member' }] as const;
		const reachable = [...paths([...roles]), ...leftOut([...roles])];
		expect(reachable).toContain('/roster');
		expect(reachable).toContain('/accounts');
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
