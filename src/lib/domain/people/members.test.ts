import { plainContext } from '../../../test-data/policy-fixtures';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import {
	office,
	otherMember,
	otherOffice,
	owner,
	secretary,
	staff
} from '../../../test-data/test-actors';
import { members, type Member } from './members';

function member(overrides: Partial<Member> = {}): Member {
	const doc: Member = {
		id: 'm001',
		orgId: 'org-a',
		branchId: 'br1',
		name: '李伟',
		residenceCommunityId: 'cm2',
		skills: ['电工'],
		background: '工程师',
		interests: ['书法'],
		duties: [],
		updatedAt: '2024-05-20T08:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? members.channelsOf(doc) };
}

function decide(actor: Actor, next: Member, prev: Member | null = null, deleting = false) {
	if (!members.policy) throw new Error('members has a policy');
	return members.policy({ actor, prev, next, deleting, subject: null, ...plainContext });
}

const valid = (doc: unknown) => validateAgainst(members.schema, doc);

describe('members schema', () => {
	it('accepts a full and a minimal profile', () => {
		expect(valid(member())).toBeNull();
		const minimal: Record<string, unknown> = { ...member() };
		delete minimal['residenceCommunityId'];
		delete minimal['background'];
		expect(valid(minimal)).toBeNull();
	});

	it.each([
		'id',
		'orgId',
		'branchId',
		'name',
		'skills',
		'interests',
		'duties',
		'updatedAt',
		'channels'
	])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...member() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects wrong types', () => {
		expect(valid({ ...member(), skills: '电工' })?.path).toBe('/skills');
		expect(valid({ ...member(), interests: [7] })?.path).toBe('/interests/0');
		expect(valid({ ...member(), duties: null })?.path).toBe('/duties');
		expect(valid({ ...member(), name: 1 })?.path).toBe('/name');
	});

	it('keeps phone numbers out of the profile (no extra properties)', () => {
		expect(valid({ ...member(), phone: '13812345678' })).toEqual({
			path: '/',
			message: 'must NOT have additional properties'
		});
	});

	it('rejects bad ids and references', () => {
		expect(valid(member({ id: 'm 001' }))?.path).toBe('/id');
		expect(valid(member({ orgId: '_org' }))?.path).toBe('/orgId');
		expect(valid(member({ branchId: 'br?1' }))?.path).toBe('/branchId');
		expect(valid(member({ residenceCommunityId: 'cm#2' }))?.path).toBe('/residenceCommunityId');
	});

	it('limits string and list lengths', () => {
		expect(valid(member({ name: '' }))?.path).toBe('/name');
		expect(valid(member({ name: '李'.repeat(50) }))).toBeNull();
		expect(valid(member({ name: '李'.repeat(51) }))?.path).toBe('/name');
		expect(valid(member({ background: 'x'.repeat(500) }))).toBeNull();
		expect(valid(member({ background: 'x'.repeat(501) }))?.path).toBe('/background');
		expect(valid(member({ skills: ['x'.repeat(41)] }))?.path).toBe('/skills/0');
		expect(valid(member({ skills: Array.from({ length: 31 }, (_, i) => `s${i}`) }))?.path).toBe(
			'/skills'
		);
	});
});

describe('members channels', () => {
	it('reaches the member, the branch, the bureau and the residence community', () => {
		expect(members.channelsOf(member())).toEqual([
			'branch:br1',
			'bureau:org-a',
			'community:cm2',
			'member:m001'
		]);
	});

	it('leaves out the community when no residence is known', () => {
		const doc: Member = { ...member() };
		delete doc.residenceCommunityId;
		expect(members.channelsOf(doc)).toEqual(['branch:br1', 'bureau:org-a', 'member:m001']);
	});
});

describe('members policy', () => {
	it('lets the office of the bureau create, edit, move and delete members', () => {
		expect(decide(office, member())).toEqual({ ok: true });
		expect(decide(office, member({ branchId: 'br2', duties: ['secretary'] }), member())).toEqual({
			ok: true
		});
		expect(decide(office, member(), member(), true)).toEqual({ ok: true });
	});

	it('refuses the office taking over a member of another bureau', () => {
		expect(decide(office, member(), member({ orgId: 'org-b' }))).toEqual({
			ok: false,
			reason: 'not-owner'
		});
	});

	it('refuses the office of another bureau', () => {
		expect(decide(otherOffice, member())).toEqual({ ok: false, reason: 'not-owner' });
		expect(decide(otherOffice, member({ name: 'x' }), member())).toEqual({
			ok: false,
			reason: 'not-owner'
		});
	});

	it('lets a member edit their own free fields', () => {
		const edited = member({
			name: '李伟伟',
			skills: ['电工', '维修'],
			interests: [],
			background: '退伍军人',
			residenceCommunityId: 'cm3'
		});
		expect(decide(owner, edited, member())).toEqual({ ok: true });
	});

	it("refuses another member, a secretary or community staff editing someone's profile", () => {
		for (const actor of [otherMember, secretary, staff]) {
			expect(decide(actor, member({ name: 'x' }), member()), actor.username).toEqual({
				ok: false,
				reason: 'not-owner'
			});
		}
	});

	it('refuses a member creating their own profile', () => {
		expect(decide(owner, member())).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('refuses a member deleting their own profile', () => {
		expect(decide(owner, member(), member(), true)).toEqual({ ok: false, reason: 'forbidden' });
	});

	it.each<[string, Partial<Member>]>([
		['orgId', { orgId: 'org-b' }],
		['branchId', { branchId: 'br2' }],
		['duties', { duties: ['committee'] }]
	])('refuses a member changing %s', (field, change) => {
		expect(decide(owner, member(change), member())).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: field
		});
	});

	it('refuses a member who lost the member role', () => {
		const former: Actor = { ...owner, roles: [] };
		expect(decide(former, member({ name: 'x' }), member())).toEqual({
			ok: false,
			reason: 'not-owner'
		});
	});
});

describe("a member's free time", () => {
	it('is set by the member, from the three times the marketplace knows', () => {
		const before = member();
		const free = member({ availability: ['weekday-evening', 'weekend'] });
		expect(valid(free)).toBeNull();
		expect(decide(owner, free, before)).toEqual({ ok: true });
		expect(valid(member({ availability: ['mornings' as never] }))).not.toBeNull();
		expect(valid(member({ availability: ['weekend', 'weekend'] }))).not.toBeNull();
	});
});
