import { describe, expect, it } from 'vitest';
import {
	canRead,
	channel,
	channelsForActor,
	inYear,
	NO_REACH,
	normalizeChannels,
	openYears,
	PUBLIC_CHANNEL,
	sameChannels,
	type Reach
} from './channels';
import type { Actor, RoleGrant } from './roles';

function actor(roles: RoleGrant[], extra: Partial<Actor> = {}): Actor {
	return { username: 'li.wei', roles, ...extra };
}

describe('channel builders', () => {
	it('prefix each kind of id', () => {
		expect(channel.user('li.wei')).toBe('user:li.wei');
		expect(channel.member('m001')).toBe('member:m001');
		expect(channel.branch('br1')).toBe('branch:br1');
		expect(channel.community('cm1')).toBe('community:cm1');
		expect(channel.street('st1')).toBe('street:st1');
		expect(channel.bureau('org-zjj')).toBe('bureau:org-zjj');
		expect(channel.branchMembers('br1')).toBe('branch-members:br1');
		expect(channel.communityMembers('cm1')).toBe('community-members:cm1');
		expect(channel.scanners()).toBe('scanners');
		expect(PUBLIC_CHANNEL).toBe('public');
	});

	it('put a year behind a channel of yearly records', () => {
		expect(inYear('member:m001', 2026)).toBe('member:m001/2026');
	});
});

describe('openYears', () => {
	it('is the current and the previous year in Shanghai', () => {
		expect(openYears(new Date('2026-06-01T00:00:00Z'))).toEqual([2026, 2025]);
	});

	it('turns at midnight in Shanghai, not in UTC', () => {
		expect(openYears(new Date('2026-12-31T15:59:59Z'))).toEqual([2026, 2025]);
		expect(openYears(new Date('2026-12-31T16:00:00Z'))).toEqual([2027, 2026]);
	});
});

describe('channelsForActor', () => {
	const NOW = new Date('2026-06-01T00:00:00Z');
	const grant = (a: Actor, reach: Partial<Reach> = {}) =>
		channelsForActor(a, { ...NO_REACH, ...reach }, NOW);

	it("gives a member their own channels, their branch's and communities' activities, this year and last", () => {
		expect(
			grant(actor([{ role: 'member' }], { memberId: 'm001', branchId: 'br1' }), {
				memberCommunities: ['cm1', 'cm2']
			})
		).toEqual([
			'branch-members:br1/2025',
			'branch-members:br1/2026',
			'community-members:cm1/2025',
			'community-members:cm1/2026',
			'community-members:cm2/2025',
			'community-members:cm2/2026',
			'member:m001',
			'member:m001/2025',
			'member:m001/2026',
			'public',
			'user:li.wei',
			'user:li.wei/2025',
			'user:li.wei/2026'
		]);
	});

	it('does not give a member their branch, community or bureau channel, nor the scanners', () => {
		const granted = grant(
			actor([{ role: 'member' }], { memberId: 'm001', branchId: 'br1', orgId: 'org-zjj' }),
			{ memberCommunities: ['cm1'] }
		);
		expect(granted.filter((c) => /^(branch|community|bureau):|^scanners$/.test(c))).toEqual([]);
	});

	it('gives no member channel for a year that closed', () => {
		const granted = grant(actor([{ role: 'member' }], { memberId: 'm001', branchId: 'br1' }));
		expect(granted).not.toContain('member:m001/2024');
	});

	it('gives a member role without a member id only the user channel', () => {
		expect(grant(actor([{ role: 'member' }]))).toEqual(['user:li.wei']);
	});

	it("gives a secretary the branch's channels, the scanners and the linked community's activities", () => {
		expect(
			grant(actor([{ role: 'secretary', branchId: 'br2' }]), { branchCommunities: ['cm5'] })
		).toEqual([
			'branch:br2',
			'branch:br2/2025',
			'branch:br2/2026',
			'community-members:cm5/2025',
			'community-members:cm5/2026',
			'public',
			'scanners',
			'user:li.wei',
			'user:li.wei/2025',
			'user:li.wei/2026'
		]);
	});

	it('gives community staff the community channels and the scanners', () => {
		expect(grant(actor([{ role: 'community_staff', communityId: 'cm3' }]))).toEqual([
			'community:cm3',
			'community:cm3/2025',
			'community:cm3/2026',
			'public',
			'scanners',
			'user:li.wei',
			'user:li.wei/2025',
			'user:li.wei/2026'
		]);
	});

	it('gives street staff their street, the public data and their own yearly channels', () => {
		expect(grant(actor([{ role: 'street_staff', streetId: 'st1' }]))).toEqual([
			'public',
			'street:st1',
			'user:li.wei',
			'user:li.wei/2025',
			'user:li.wei/2026'
		]);
	});

	it("gives the office the roster and summaries, members' of the current year only, no records", () => {
		expect(grant(actor([{ role: 'office', orgId: 'org-zjj' }]))).toEqual([
			'bureau:org-zjj',
			'bureau:org-zjj/2026',
			'public',
			'user:li.wei',
			'user:li.wei/2025',
			'user:li.wei/2026'
		]);
	});

	it("keeps last year's documents for the office through January, the year's end", () => {
		const office = actor([{ role: 'office', orgId: 'org-zjj' }]);
		const at = (iso: string) => channelsForActor(office, NO_REACH, new Date(iso));
		// 1 January 00:00 in Shanghai is 31 December 16:00 UTC.
		expect(at('2026-12-31T16:00:00Z')).toContain('bureau:org-zjj/2026');
		expect(at('2027-01-31T15:59:59Z')).toContain('bureau:org-zjj/2026');
		expect(at('2027-01-31T16:00:00Z')).not.toContain('bureau:org-zjj/2026');
		expect(at('2026-12-31T15:59:59Z')).not.toContain('bureau:org-zjj/2025');
	});

	it('gives the administrator the user channel and the reference data only', () => {
		expect(grant(actor([{ role: 'admin' }], { username: 'admin' }))).toEqual([
			'public',
			'user:admin'
		]);
	});

	it('gives an actor without roles only the user channel', () => {
		expect(grant(actor([]))).toEqual(['user:li.wei']);
	});

	it('combines several grants, sorted and without duplicates', () => {
		const granted = grant(
			actor(
				[
					{ role: 'secretary', branchId: 'br1' },
					{ role: 'member' },
					{ role: 'community_staff', communityId: 'cm2' },
					{ role: 'secretary', branchId: 'br1' }
				],
				{ memberId: 'm121', branchId: 'br1' }
			),
			{ memberCommunities: ['cm2'], branchCommunities: ['cm2'] }
		);
		expect(granted).toEqual([...new Set(granted)].sort());
		expect(granted).toContain('branch:br1');
		expect(granted).toContain('community:cm2/2026');
		expect(granted).toContain('community-members:cm2/2026');
		expect(granted).toContain('member:m121');
	});
});

describe('normalizeChannels', () => {
	it('sorts and removes duplicates', () => {
		expect(normalizeChannels(['public', 'branch:b', 'public', 'bureau:o', 'branch:b'])).toEqual([
			'branch:b',
			'bureau:o',
			'public'
		]);
	});

	it('accepts any iterable and returns a new array', () => {
		const input = ['b', 'a'];
		const out = normalizeChannels(input);
		expect(out).toEqual(['a', 'b']);
		expect(input).toEqual(['b', 'a']);
		expect(normalizeChannels(new Set(['z', 'y']))).toEqual(['y', 'z']);
		expect(normalizeChannels([])).toEqual([]);
	});
});

describe('sameChannels', () => {
	it('is true for equal arrays, including empty ones', () => {
		expect(sameChannels(['a', 'b'], ['a', 'b'])).toBe(true);
		expect(sameChannels([], [])).toBe(true);
	});

	it('is order-sensitive', () => {
		expect(sameChannels(['b', 'a'], ['a', 'b'])).toBe(false);
	});

	it('is false when one array has an extra or a missing element', () => {
		expect(sameChannels(['a', 'b', 'c'], ['a', 'b'])).toBe(false);
		expect(sameChannels(['a'], ['a', 'b'])).toBe(false);
		expect(sameChannels(['a', 'a'], ['a'])).toBe(false);
	});

	it('is false for a different element at the same length', () => {
		expect(sameChannels(['a', 'x'], ['a', 'b'])).toBe(false);
	});
});

describe('canRead', () => {
	const granted = new Set(['member:m001', 'public', 'user:li.wei']);

	it('is true when any document channel is granted', () => {
		expect(canRead(granted, ['branch:br1', 'member:m001'])).toBe(true);
		expect(canRead(granted, ['public'])).toBe(true);
	});

	it('is false when no document channel is granted', () => {
		expect(canRead(granted, ['branch:br1', 'member:m002'])).toBe(false);
		expect(canRead(granted, [])).toBe(false);
	});

	it('is false for anything that is not an array of strings', () => {
		expect(canRead(granted, undefined)).toBe(false);
		expect(canRead(granted, null)).toBe(false);
		expect(canRead(granted, 'public')).toBe(false);
		expect(canRead(granted, { 0: 'public', length: 1 })).toBe(false);
		expect(canRead(granted, [1, null, { public: true }])).toBe(false);
	});

	it('ignores non-string entries but still finds a granted string', () => {
		expect(canRead(granted, [42, 'public'])).toBe(true);
	});

	it('grants nothing from an empty set', () => {
		expect(canRead(new Set(), ['public'])).toBe(false);
	});
});
