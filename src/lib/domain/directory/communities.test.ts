import { plainContext } from '../../../test-data/policy-fixtures';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import { admin, office, otherStaff as staff } from '../../../test-data/test-actors';
import { communities, isCommunity, type Community } from './communities';

function community(overrides: Partial<Community> = {}): Community {
	return {
		id: 'cm1',
		kind: 'community',
		name: '幸福社区',
		parentId: 'st1',
		updatedAt: '2024-05-20T08:00:00.000Z',
		channels: ['public'],
		...overrides
	};
}

const otherOffice: Actor = { username: 'office9', roles: [{ role: 'office', orgId: 'org-z' }] };
const secretary: Actor = {
	username: 'secretary1',
	memberId: 'm121',
	roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]
};
const member: Actor = { username: 'member1', memberId: 'm001', roles: [{ role: 'member' }] };

function decide(actor: Actor, next: Community, prev: Community | null = null, deleting = false) {
	if (!communities.policy) throw new Error('communities has a policy');
	return communities.policy({ actor, prev, next, deleting, subject: null, ...plainContext });
}

const valid = (doc: unknown) => validateAgainst(communities.schema, doc);

describe('communities schema', () => {
	it('accepts every kind of node', () => {
		expect(valid(community())).toBeNull();
		expect(valid(community({ kind: 'street', id: 'st1', parentId: 'county1' }))).toBeNull();
		const county: Record<string, unknown> = { ...community({ kind: 'county', id: 'county1' }) };
		delete county['parentId'];
		expect(valid(county)).toBeNull();
		const city: Record<string, unknown> = { ...community({ kind: 'city', id: 'city1' }) };
		delete city['parentId'];
		expect(valid(city)).toBeNull();
		expect(valid(community({ kind: 'county', id: 'county1', parentId: 'city1' }))).toBeNull();
	});

	it.each(['id', 'kind', 'name', 'updatedAt', 'channels'])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...community() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects wrong types and an unknown kind', () => {
		expect(valid({ ...community(), kind: 'village' })?.path).toBe('/kind');
		expect(valid({ ...community(), name: ['幸福'] })?.path).toBe('/name');
		expect(valid({ ...community(), updatedAt: 1716192000000 })?.path).toBe('/updatedAt');
	});

	it('rejects an extra property', () => {
		expect(valid({ ...community(), population: 3000 })).toEqual({
			path: '/',
			message: 'must NOT have additional properties'
		});
	});

	it('rejects bad ids', () => {
		expect(valid(community({ id: '_cm1' }))?.path).toBe('/id');
		expect(valid(community({ id: 'cm 1' }))?.path).toBe('/id');
		expect(valid(community({ parentId: 'st/1' }))?.path).toBe('/parentId');
	});

	it('limits the name to 1..100 characters', () => {
		expect(valid(community({ name: '' }))?.path).toBe('/name');
		expect(valid(community({ name: 'x'.repeat(101) }))?.path).toBe('/name');
	});
});

describe('communities channels', () => {
	it('puts every node in public', () => {
		expect(communities.channelsOf(community())).toEqual(['public']);
	});
});

describe('communities policy', () => {
	it('lets an office create, edit and delete', () => {
		expect(decide(office, community())).toEqual({ ok: true });
		expect(decide(office, community({ name: '新' }), community())).toEqual({ ok: true });
		expect(decide(office, community(), community(), true)).toEqual({ ok: true });
		expect(decide(otherOffice, community())).toEqual({ ok: true });
	});

	it('refuses everybody else, including the staff of the community itself', () => {
		for (const actor of [staff, secretary, member, admin]) {
			expect(decide(actor, community()), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
			expect(decide(actor, community({ name: 'x' }), community()), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
	});
});

describe('isCommunity', () => {
	it('takes every level of the tree, the city included, and nothing else of the directory', () => {
		for (const kind of ['city', 'county', 'street', 'community'])
			expect(isCommunity({ kind })).toBe(true);
		for (const kind of ['bureau', 'branch', 'badge', undefined])
			expect(isCommunity({ kind })).toBe(false);
	});
});
