import { describe, expect, it } from 'vitest';
import {
	canRead,
	channel,
	channelsForActor,
	normalizeChannels,
	PUBLIC_CHANNEL,
	sameChannels
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
		expect(channel.bureau('org-zjj')).toBe('bureau:org-zjj');
		expect(PUBLIC_CHANNEL).toBe('public');
	});
});

describe('channelsForActor', () => {
	it('gives a member their own member channel, public and their user channel', () => {
		expect(
			channelsForActor(actor([{ role: 'member' }], { memberId: 'm001', branchId: 'br1' }))
		).toEqual(['member:m001', 'public', 'user:li.wei']);
	});

	it('does not give a member their branch or bureau channel', () => {
		const granted = channelsForActor(
			actor([{ role: 'member' }], { memberId: 'm001', branchId: 'br1', orgId: 'org-zjj' })
		);
		expect(granted).not.toContain('branch:br1');
		expect(granted).not.toContain('bureau:org-zjj');
	});

	it('gives a member role without a member id only the user channel', () => {
		expect(channelsForActor(actor([{ role: 'member' }]))).toEqual(['user:li.wei']);
	});

	it('gives a secretary the branch channel and public', () => {
		expect(channelsForActor(actor([{ role: 'secretary', branchId: 'br2' }]))).toEqual([
			'branch:br2',
			'public',
			'user:li.wei'
		]);
	});

	it('gives community staff the community channel and public', () => {
		expect(channelsForActor(actor([{ role: 'community_staff', communityId: 'cm3' }]))).toEqual([
			'community:cm3',
			'public',
			'user:li.wei'
		]);
	});

	it('gives the office the bureau channel and public', () => {
		expect(channelsForActor(actor([{ role: 'office', orgId: 'org-zjj' }]))).toEqual([
			'bureau:org-zjj',
			'public',
			'user:li.wei'
		]);
	});

	it('gives the administrator only the user channel', () => {
		expect(channelsForActor(actor([{ role: 'admin' }], { username: 'admin' }))).toEqual([
			'user:admin'
		]);
	});

	it('gives an actor without roles only the user channel', () => {
		expect(channelsForActor(actor([]))).toEqual(['user:li.wei']);
	});

	it('combines several grants, sorted and without duplicates', () => {
		const granted = channelsForActor(
			actor(
				[
					{ role: 'secretary', branchId: 'br1' },
					{ role: 'member' },
					{ role: 'community_staff', communityId: 'cm2' },
					{ role: 'community_staff', communityId: 'cm1' },
					{ role: 'secretary', branchId: 'br1' }
				],
				{ memberId: 'm121' }
			)
		);
		expect(granted).toEqual([
			'branch:br1',
			'community:cm1',
			'community:cm2',
			'member:m121',
			'public',
			'user:li.wei'
		]);
	});

	it('adds nothing for an admin grant beside other roles', () => {
		expect(
			channelsForActor(actor([{ role: 'admin' }, { role: 'office', orgId: 'org-a' }]))
		).toEqual(['bureau:org-a', 'public', 'user:li.wei']);
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
