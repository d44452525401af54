import { describe, expect, it } from 'vitest';
import { listedFor, recent, upcoming } from './activity-listing';
import type { Activity } from './activities';
import type { Actor } from '../access/roles';

const base: Activity = {
	id: 'a1',
	type: 'community',
	title: '活动',
	communityId: 'cm1',
	place: '广场',
	startsAt: '2026-06-01T02:00:00.000Z',
	endsAt: '2026-06-01T04:00:00.000Z',
	expected: 'signup',
	organisers: ['community1'],
	publicKey: '0'.repeat(64),
	createdBy: 'community1',
	updatedAt: '2026-05-01T00:00:00.000Z',
	channels: ['public']
};
const branchDay: Activity = {
	...base,
	id: 'a2',
	communityId: 'cm2',
	hostBranchId: 'br2',
	expected: 'branch'
};
const member: Actor = {
	username: 'member1',
	memberId: 'm001',
	branchId: 'br1',
	orgId: 'o',
	roles: [{ role: 'member' }]
};

describe('listedFor', () => {
	it('shows members the open activities and their own branch’s, not other branches’', () => {
		expect(listedFor(member, [])(base)).toBe(true);
		expect(listedFor(member, [])(branchDay)).toBe(false);
		expect(listedFor({ ...member, branchId: 'br2' }, [])(branchDay)).toBe(true);
	});

	it('shows staff their communities, a secretary the branch and its linked community, the office all', () => {
		const staff: Actor = {
			username: 'c2',
			roles: [{ role: 'community_staff', communityId: 'cm2' }]
		};
		expect(listedFor(staff, [])(branchDay)).toBe(true);
		expect(listedFor(staff, [])(base)).toBe(false);
		const secretary: Actor = { username: 's', roles: [{ role: 'secretary', branchId: 'br2' }] };
		expect(listedFor(secretary, [])(branchDay)).toBe(true);
		expect(listedFor(secretary, ['cm1'])(base)).toBe(true);
		expect(listedFor(secretary, [])(base)).toBe(false);
		const office: Actor = { username: 'o', roles: [{ role: 'office', orgId: 'o' }] };
		expect(listedFor(office, [])(branchDay)).toBe(true);
	});
});

describe('upcoming and recent', () => {
	const now = new Date('2026-06-10T00:00:00.000Z');
	const later = {
		...base,
		id: 'later',
		startsAt: '2026-06-12T02:00:00.000Z',
		endsAt: '2026-06-12T04:00:00.000Z'
	};
	const soon = {
		...base,
		id: 'soon',
		startsAt: '2026-06-11T02:00:00.000Z',
		endsAt: '2026-06-11T04:00:00.000Z'
	};
	const running = {
		...base,
		id: 'running',
		startsAt: '2026-06-09T23:00:00.000Z',
		endsAt: '2026-06-10T01:00:00.000Z'
	};
	const old = {
		...base,
		id: 'old',
		startsAt: '2026-04-01T02:00:00.000Z',
		endsAt: '2026-04-01T04:00:00.000Z'
	};

	it('lists what has not ended, soonest first, and what ended this month, latest first', () => {
		expect(upcoming([later, base, soon, running], now).map((a) => a.id)).toEqual([
			'running',
			'soon',
			'later'
		]);
		expect(recent([old, base, later], now).map((a) => a.id)).toEqual(['a1']);
	});
});
