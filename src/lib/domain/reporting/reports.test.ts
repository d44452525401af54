import { plainContext } from '../../../test-data/policy-fixtures';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import { office, otherMember, owner, secretary, staff } from '../../../test-data/test-actors';
import { reportId, reports, type Report } from './reports';

function report(overrides: Partial<Report> = {}): Report {
	const base = {
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		kind: 'residence' as const,
		...overrides
	};
	const doc: Report = {
		id: reportId(base.memberId, base.kind, base.communityId),
		submission: 1,
		submittedAt: '2024-05-01T09:00:00.000Z',
		note: '已到社区党委报到',
		updatedAt: '2024-05-01T09:00:00.000Z',
		channels: [],
		...base,
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? reports.channelsOf(doc) };
}

/** The branch br1 is linked to cm1: the community of its members' unit reports. */
const branch = { id: 'br1', kind: 'branch', linkedCommunityId: 'cm1' };

/** What the gateway reads for a report: the communities of the directory, m001's profile. */
const directory = new Map<string, Record<string, unknown>>([
	...['cm1', 'cm2', 'cm3'].map((id): [string, Record<string, unknown>] => [
		`directory/${id}`,
		{ id, kind: 'community', name: `社区${id}` }
	]),
	['directory/st1', { id: 'st1', kind: 'street', name: '街道' }],
	['members/m001', { id: 'm001', branchId: 'br1', orgId: 'org-a', residenceCommunityId: 'cm2' }]
]);

function decide(
	actor: Actor,
	next: Report,
	prev: Report | null = null,
	deleting = false,
	subject: Record<string, unknown> | null = next.kind === 'unit' ? branch : null,
	places: { related?: Map<string, Record<string, unknown>>; relatedComplete?: boolean } = {}
) {
	if (!reports.policy) throw new Error('reports has a policy');
	const related = places.related ?? directory;
	return reports.policy({
		actor,
		prev,
		next,
		deleting,
		subject,
		...plainContext,
		related: (ref) => related.get(`${ref.collection}/${ref.id}`) ?? null,
		relatedComplete: places.relatedComplete ?? true
	});
}

const valid = (doc: unknown) => validateAgainst(reports.schema, doc);

describe('reportId', () => {
	it('joins member, kind and community', () => {
		expect(reportId('m001', 'residence', 'cm2')).toBe('m001.residence.cm2');
		expect(reportId('m001', 'unit', 'cm1')).toBe('m001.unit.cm1');
	});

	it('is distinct per kind and community', () => {
		const ids = new Set([
			reportId('m001', 'residence', 'cm1'),
			reportId('m001', 'unit', 'cm1'),
			reportId('m001', 'residence', 'cm2'),
			reportId('m002', 'residence', 'cm1')
		]);
		expect(ids.size).toBe(4);
	});
});

describe('reports schema', () => {
	it('accepts a report with and without a note', () => {
		expect(valid(report())).toBeNull();
		const bare: Record<string, unknown> = { ...report() };
		delete bare['note'];
		expect(valid(bare)).toBeNull();
		expect(valid(report({ kind: 'unit', communityId: 'cm1' }))).toBeNull();
	});

	it.each([
		'id',
		'memberId',
		'branchId',
		'orgId',
		'communityId',
		'kind',
		'submission',
		'submittedAt',
		'updatedAt',
		'channels'
	])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...report() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects an unknown kind', () => {
		expect(valid({ ...report(), kind: 'home' })?.path).toBe('/kind');
	});

	it('requires submission to be an integer from 1 to 1000', () => {
		expect(valid(report({ submission: 0 }))?.path).toBe('/submission');
		expect(valid(report({ submission: 1.5 }))?.path).toBe('/submission');
		expect(valid({ ...report(), submission: '1' })?.path).toBe('/submission');
		expect(valid(report({ submission: 1000 }))).toBeNull();
		expect(valid(report({ submission: 1001 }))?.path).toBe('/submission');
	});

	it('requires instants for the dates', () => {
		expect(valid(report({ submittedAt: '2024/05/01' }))?.path).toBe('/submittedAt');
		expect(valid(report({ updatedAt: '2024-05-01T09:00:00' }))?.path).toBe('/updatedAt');
	});

	it('limits the note to 500 characters', () => {
		expect(valid(report({ note: '报'.repeat(500) }))).toBeNull();
		expect(valid(report({ note: '报'.repeat(501) }))?.path).toBe('/note');
	});

	it('rejects an extra property', () => {
		expect(valid({ ...report(), status: 'confirmed' })).toEqual({
			path: '/',
			message: 'must NOT have additional properties'
		});
	});

	it('rejects bad ids', () => {
		expect(valid(report({ id: 'm001 residence cm2' }))?.path).toBe('/id');
		expect(valid(report({ communityId: 'cm/2', id: 'm001.residence.cm2' }))?.path).toBe(
			'/communityId'
		);
	});
});

describe('reports channels', () => {
	it('reaches the member, branch and the community reported to; the office reads summaries', () => {
		expect(reports.channelsOf(report())).toEqual(['branch:br1', 'community:cm2', 'member:m001']);
	});
});

describe('reports policy', () => {
	it('lets the member file a report', () => {
		expect(decide(owner, report())).toEqual({ ok: true });
		expect(decide(owner, report({ kind: 'unit', communityId: 'cm1' }))).toEqual({ ok: true });
	});

	it('looks at the branch for a unit report and at nothing for a residence report', () => {
		expect(reports.subjectOf?.(report({ kind: 'unit', communityId: 'cm1' }))).toEqual({
			collection: 'directory',
			id: 'br1'
		});
		expect(reports.subjectOf?.(report())).toBeNull();
	});

	it('names the community, and for a residence report the profile, for the gateway to load', () => {
		expect(reports.relatedOf?.(report())).toEqual([
			{ collection: 'directory', id: 'cm2' },
			{ collection: 'members', id: 'm001' }
		]);
		expect(reports.relatedOf?.(report({ kind: 'unit', communityId: 'cm1' }))).toEqual([
			{ collection: 'directory', id: 'cm1' }
		]);
	});

	it('refuses a community that does not exist, or a place that is not a community', () => {
		const nowhere = { ok: false, reason: 'subject-mismatch', detail: 'communityId' };
		const moved = new Map(directory);
		moved.set('members/m001', { id: 'm001', residenceCommunityId: 'cm404' });
		expect(
			decide(owner, report({ communityId: 'cm404' }), null, false, null, { related: moved })
		).toEqual(nowhere);
		moved.set('members/m001', { id: 'm001', residenceCommunityId: 'st1' });
		expect(
			decide(owner, report({ communityId: 'st1' }), null, false, null, { related: moved })
		).toEqual(nowhere);
		const linkedNowhere = { kind: 'branch', linkedCommunityId: 'cm404' };
		expect(
			decide(owner, report({ kind: 'unit', communityId: 'cm404' }), null, false, linkedNowhere)
		).toEqual(nowhere);
	});

	it('takes a residence report only for where the profile says the member lives', () => {
		const elsewhere = { ok: false, reason: 'subject-mismatch', detail: 'residence' };
		expect(decide(owner, report({ communityId: 'cm3' }))).toEqual(elsewhere);
		// A resubmission of the report to a community the member has since moved away from, too.
		const old = report({ communityId: 'cm3' });
		expect(decide(owner, { ...old, submission: 2 }, old)).toEqual(elsewhere);
		const noProfile = new Map(directory);
		noProfile.delete('members/m001');
		expect(decide(owner, report(), null, false, null, { related: noProfile })).toEqual(elsewhere);
	});

	it('leaves a document the device does not hold to the gateway', () => {
		expect(
			decide(owner, report({ communityId: 'cm9' }), null, false, null, {
				related: new Map(),
				relatedComplete: false
			})
		).toEqual({ ok: true });
		expect(
			decide(owner, report({ communityId: 'cm3' }), null, false, null, { relatedComplete: false })
		).toEqual({ ok: false, reason: 'subject-mismatch', detail: 'residence' });
	});

	it('refuses a unit report to a community the branch is not linked to', () => {
		const elsewhere = report({ kind: 'unit', communityId: 'cm7' });
		const refused = { ok: false, reason: 'subject-mismatch', detail: 'communityId' };
		expect(decide(owner, elsewhere)).toEqual(refused);
		expect(decide(owner, report({ kind: 'unit', communityId: 'cm1' }), null, false, null)).toEqual(
			refused
		);
	});

	it('lets the member correct the note as a new submission, never within one', () => {
		expect(decide(owner, report({ note: '更正' }), report())).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'submission'
		});
		expect(decide(owner, report({ note: '更正', submission: 2 }), report())).toEqual({ ok: true });
		expect(
			decide(owner, report({ submission: 2, submittedAt: '2024-05-03T09:00:00.000Z' }), report())
		).toEqual({ ok: true });
	});

	it("refuses anyone writing another member's report", () => {
		for (const actor of [otherMember, secretary, office, staff]) {
			expect(decide(actor, report()), actor.username).toEqual({ ok: false, reason: 'not-owner' });
			expect(decide(actor, report({ note: 'x' }), report()), actor.username).toEqual({
				ok: false,
				reason: 'not-owner'
			});
			expect(decide(actor, report(), report(), true), actor.username).toEqual({
				ok: false,
				reason: 'not-owner'
			});
		}
	});

	it('refuses a member without the member role', () => {
		expect(decide({ ...owner, roles: [] }, report())).toEqual({ ok: false, reason: 'not-owner' });
	});

	it("refuses a branch or bureau other than the member's own", () => {
		expect(decide(owner, report({ branchId: 'br2' }))).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'branchId'
		});
		expect(decide(owner, report({ orgId: 'org-b' }))).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'orgId'
		});
	});

	it('refuses an id that does not follow member.kind.community', () => {
		for (const id of ['m001.unit.cm2', 'm001.residence.cm3', 'm002.residence.cm2', 'r1']) {
			expect(decide(owner, report({ id })), id).toEqual({
				ok: false,
				reason: 'invalid',
				detail: 'id'
			});
		}
	});

	it.each([
		['memberId', { memberId: 'm009' }],
		['branchId', { branchId: 'br2' }],
		['orgId', { orgId: 'org-b' }],
		['communityId', { communityId: 'cm7' }],
		['kind', { kind: 'unit' }]
	] as const)('refuses a stored report whose %s differs', (field, storedChange) => {
		// The stored version differs in the fixed field; the new version is otherwise proper.
		const prev = { ...report(), ...storedChange };
		expect(decide(owner, report(), prev)).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: field
		});
	});

	it('refuses lowering the submission counter', () => {
		expect(decide(owner, report({ submission: 1 }), report({ submission: 2 }))).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'submission'
		});
	});

	it('refuses a member deleting their report: the record of reporting stays', () => {
		expect(decide(owner, report(), report(), true)).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('keeps the submission counter when it stays the same', () => {
		expect(decide(owner, report({ submission: 3 }), report({ submission: 3 }))).toEqual({
			ok: true
		});
	});
});
