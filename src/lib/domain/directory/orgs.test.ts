import { plainContext } from '../../../test-data/policy-fixtures';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import {
	admin,
	office as officeA,
	otherOffice as officeB,
	owner as member,
	secretary
} from '../../../test-data/test-actors';
import type { WriteContext } from '../access/write-verdict';
import { orgs, type Org } from './orgs';

const UPDATED = '2024-05-20T08:00:00.000Z';

function bureau(overrides: Partial<Org> = {}): Org {
	return {
		id: 'org-a',
		kind: 'bureau',
		name: '住建局',
		updatedAt: UPDATED,
		channels: ['public'],
		...overrides
	};
}

function branch(overrides: Partial<Org> = {}): Org {
	return {
		id: 'br1',
		kind: 'branch',
		name: '第一党支部',
		parentId: 'org-a',
		linkedCommunityId: 'cm1',
		secretaryMemberId: 'm121',
		updatedAt: UPDATED,
		channels: ['public'],
		...overrides
	};
}

function decide(
	actor: Actor,
	next: Org,
	prev: Org | null = null,
	deleting = false
): ReturnType<NonNullable<typeof orgs.policy>> {
	const policy = orgs.policy;
	if (!policy) throw new Error('orgs has a policy');
	const context: WriteContext<Org> = {
		actor,
		prev,
		next,
		deleting,
		subject: null,
		...plainContext
	};
	return policy(context);
}

const valid = (doc: unknown) => validateAgainst(orgs.schema, doc);

describe('orgs schema', () => {
	it('accepts a bureau and a branch', () => {
		expect(valid(bureau())).toBeNull();
		expect(valid(branch())).toBeNull();
	});

	it.each(['id', 'kind', 'name', 'updatedAt', 'channels'])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...branch() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects an unknown kind and wrong types', () => {
		expect(valid(branch({ kind: 'cell' as Org['kind'] }))?.path).toBe('/kind');
		expect(valid({ ...branch(), name: 42 })?.path).toBe('/name');
		expect(valid({ ...branch(), channels: 'public' })?.path).toBe('/channels');
		expect(valid({ ...branch(), channels: [1] })?.path).toBe('/channels/0');
	});

	it('rejects an extra property', () => {
		expect(valid({ ...branch(), secretaryPhone: '13800000000' })).toEqual({
			path: '/',
			message: 'must NOT have additional properties'
		});
	});

	it('rejects ids that are not URL-safe', () => {
		for (const id of ['_design', 'a/b', 'a b', 'a%20', '', '-x', 'x'.repeat(41)]) {
			expect(valid(branch({ id })), id).not.toBeNull();
		}
		expect(valid(branch({ id: 'x'.repeat(40) }))).toBeNull();
		expect(valid(branch({ parentId: 'org a' }))?.path).toBe('/parentId');
		expect(valid(branch({ linkedCommunityId: '_x' }))?.path).toBe('/linkedCommunityId');
		expect(valid(branch({ secretaryMemberId: 'm/1' }))?.path).toBe('/secretaryMemberId');
	});

	it('limits the name to 1..100 characters', () => {
		expect(valid(branch({ name: '' }))?.path).toBe('/name');
		expect(valid(branch({ name: '支'.repeat(100) }))).toBeNull();
		expect(valid(branch({ name: '支'.repeat(101) }))?.path).toBe('/name');
	});

	it('requires an ISO instant for updatedAt', () => {
		expect(valid(branch({ updatedAt: '2024-05-20' }))?.path).toBe('/updatedAt');
		expect(valid(branch({ updatedAt: 'yesterday' }))?.path).toBe('/updatedAt');
		expect(valid(branch({ updatedAt: '2024-05-20T08:00:00+08:00' }))).toBeNull();
	});

	it('limits channels to 16 entries of 80 characters', () => {
		expect(valid(branch({ channels: Array.from({ length: 17 }, (_, i) => `c${i}`) }))?.path).toBe(
			'/channels'
		);
		expect(valid(branch({ channels: ['x'.repeat(81)] }))?.path).toBe('/channels/0');
	});
});

describe('orgs channels', () => {
	it('puts every organisation in public', () => {
		expect(orgs.channelsOf(bureau())).toEqual(['public']);
		expect(orgs.channelsOf(branch())).toEqual(['public']);
	});
});

describe('orgs policy', () => {
	it('lets the office create and edit its bureau and branches', () => {
		expect(decide(officeA, bureau())).toEqual({ ok: true });
		expect(decide(officeA, branch())).toEqual({ ok: true });
		expect(decide(officeA, branch({ name: '新名' }), branch())).toEqual({ ok: true });
	});

	it('lets the office delete its branch', () => {
		expect(decide(officeA, branch(), branch(), true)).toEqual({ ok: true });
	});

	it('refuses the office of another bureau, for the bureau and for its branches', () => {
		expect(decide(officeB, bureau())).toEqual({ ok: false, reason: 'forbidden' });
		expect(decide(officeB, branch())).toEqual({ ok: false, reason: 'forbidden' });
		expect(decide(officeB, branch(), branch(), true)).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('refuses a branch without a parent bureau', () => {
		expect(decide(officeA, branch({ parentId: undefined }))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('refuses moving a branch from another bureau into the own one', () => {
		expect(decide(officeA, branch(), branch({ parentId: 'org-b' }))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('refuses moving a branch out of the own bureau', () => {
		expect(decide(officeA, branch({ parentId: 'org-b' }), branch())).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('refuses turning a branch into a bureau the office does not run', () => {
		expect(decide(officeA, branch({ kind: 'bureau', id: 'br1' }), branch())).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('refuses members, secretaries and the administrator', () => {
		for (const actor of [member, secretary, admin]) {
			expect(decide(actor, branch()), actor.username).toEqual({ ok: false, reason: 'forbidden' });
			expect(decide(actor, branch({ name: 'x' }), branch()), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
	});
});
