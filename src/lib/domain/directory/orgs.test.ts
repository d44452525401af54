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
import { LINK_CLOCK_SKEW_MS, orgs, type LinkChange, type Org } from './orgs';

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

/** The communities of the directory the gateway would find; cm1 and cm2 exist, st1 is a street. */
const DIRECTORY: Record<string, Record<string, unknown>> = {
	'directory/cm1': { id: 'cm1', kind: 'community' },
	'directory/cm2': { id: 'cm2', kind: 'community' },
	'directory/st1': { id: 'st1', kind: 'street' }
};

function decide(
	actor: Actor,
	next: Org,
	prev: Org | null = null,
	deleting = false,
	relatedComplete = true
): ReturnType<NonNullable<typeof orgs.policy>> {
	const policy = orgs.policy;
	if (!policy) throw new Error('orgs has a policy');
	const context: WriteContext<Org> = {
		actor,
		prev,
		next,
		deleting,
		subject: null,
		...plainContext,
		related: (ref) => DIRECTORY[`${ref.collection}/${ref.id}`] ?? null,
		relatedComplete
	};
	return policy(context);
}

/** A change of link as the office1 account makes it, an hour before the checker's clock. */
function linked(communityId: string | undefined, from = '2026-06-01T03:00:00.000Z'): LinkChange {
	return { ...(communityId ? { communityId } : {}), from, by: 'office1' };
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
		expect(decide(officeA, branch({ linkHistory: [linked('cm1')] }))).toEqual({ ok: true });
		expect(decide(officeA, branch({ linkedCommunityId: undefined }))).toEqual({ ok: true });
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

describe('a branch linked to its community (linkHistory)', () => {
	const before = branch({ linkHistory: [linked('cm1', '2025-01-01T00:00:00.000Z')] });
	const moved = (change: LinkChange, from: Org = before, communityId = 'cm2') =>
		branch({ linkedCommunityId: communityId, linkHistory: [...(from.linkHistory ?? []), change] });

	it('accepts the history in the schema, up to 30 changes', () => {
		expect(valid(moved(linked('cm2')))).toBeNull();
		expect(valid(branch({ linkHistory: [{ from: 'yesterday', by: 'office1' }] }))?.path).toBe(
			'/linkHistory/0/from'
		);
		expect(
			valid(branch({ linkHistory: [{ from: '2026-01-01T00:00:00Z' } as LinkChange] }))
		).not.toBeNull();
		const many = Array.from({ length: 31 }, () => linked('cm1'));
		expect(valid(branch({ linkHistory: many }))?.path).toBe('/linkHistory');
	});

	it('lets the office change the link with an entry of who and when', () => {
		expect(decide(officeA, moved(linked('cm2')), before)).toEqual({ ok: true });
		// A branch linked before the history was kept starts it with its first change.
		expect(decide(officeA, moved(linked('cm2'), branch()), branch())).toEqual({ ok: true });
		// Unlinking is a change too, to no community.
		const unlinked = { ...moved(linked(undefined)), linkedCommunityId: undefined };
		expect(decide(officeA, unlinked, before)).toEqual({ ok: true });
	});

	it('refuses a change of link by anyone but the office of the bureau', () => {
		for (const actor of [member, secretary, admin, officeB]) {
			expect(decide(actor, moved(linked('cm2')), before), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
	});

	it('refuses a change of link without its entry, or with a wrong one', () => {
		const silently = branch({ linkedCommunityId: 'cm2', linkHistory: before.linkHistory ?? [] });
		expect(decide(officeA, silently, before)).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'linkHistory'
		});
		expect(decide(officeA, moved(linked('cm1')), before)).toMatchObject({ reason: 'invalid' });
		expect(decide(officeA, moved({ ...linked('cm2'), by: 'office2' }), before)).toEqual({
			ok: false,
			reason: 'not-owner',
			detail: 'linkHistory'
		});
		const twice = branch({
			linkedCommunityId: 'cm2',
			linkHistory: [...(before.linkHistory ?? []), linked('cm1'), linked('cm2')]
		});
		expect(decide(officeA, twice, before)).toMatchObject({ reason: 'invalid' });
	});

	it('refuses an entry dated in the future or before the previous one', () => {
		const later = new Date(Date.parse('2026-06-01T04:00:00Z') + LINK_CLOCK_SKEW_MS + 1000);
		expect(decide(officeA, moved(linked('cm2', later.toISOString())), before)).toMatchObject({
			reason: 'invalid'
		});
		expect(decide(officeA, moved(linked('cm2', '2024-12-31T00:00:00.000Z')), before)).toMatchObject(
			{ reason: 'invalid' }
		);
	});

	it('refuses an entry without a change of link', () => {
		const extra = branch({ linkHistory: [...(before.linkHistory ?? []), linked('cm1')] });
		expect(decide(officeA, extra, before)).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'linkHistory'
		});
	});

	it('keeps the history append-only', () => {
		const history = [linked('cm2', '2025-01-01T00:00:00.000Z'), linked('cm1')];
		const stored = branch({ linkHistory: history });
		const rewritten = branch({ linkHistory: [{ ...linked('cm2'), by: 'office9' }, linked('cm1')] });
		expect(decide(officeA, rewritten, stored)).toEqual({
			ok: false,
			reason: 'append-only',
			detail: 'linkHistory'
		});
		expect(decide(officeA, branch({ linkHistory: [] }), stored)).toMatchObject({
			reason: 'append-only'
		});
	});

	it('refuses a link to a place that is not a community of the directory', () => {
		for (const id of ['cm9', 'st1']) {
			expect(decide(officeA, moved(linked(id), before, id), before), id).toEqual({
				ok: false,
				reason: 'subject-mismatch',
				detail: 'linkedCommunityId'
			});
		}
		// A device that does not hold the community leaves the question to the gateway.
		expect(decide(officeA, moved(linked('cm9'), before, 'cm9'), before, false, false)).toEqual({
			ok: true
		});
	});

	it('names the linked community as a document the policy reads', () => {
		expect(orgs.relatedOf?.(branch())).toEqual([{ collection: 'directory', id: 'cm1' }]);
		expect(orgs.relatedOf?.(bureau())).toEqual([]);
	});
});
