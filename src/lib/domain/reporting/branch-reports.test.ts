import { describe, expect, it } from 'vitest';
import { plainContext } from '../../../test-data/policy-fixtures';
import {
	admin,
	office,
	otherMember,
	owner as member,
	secretary,
	staff
} from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import type { WriteContext } from '../access/write-verdict';
import { validateAgainst } from '../schema/schema-validation';
import {
	branchReportId,
	branchReports,
	isBranchReportId,
	type BranchReport
} from './branch-reports';

/** br1 of org-a, linked to cm2; secretary1 (m121) leads it. */
const BRANCH = {
	id: 'br1',
	kind: 'branch',
	name: '第一党支部',
	parentId: 'org-a',
	linkedCommunityId: 'cm2',
	secretaryMemberId: 'm121',
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};
const COMMUNITIES: Record<string, Record<string, unknown>> = {
	'directory/cm1': { id: 'cm1', kind: 'community' },
	'directory/cm2': { id: 'cm2', kind: 'community' }
};

function report(overrides: Partial<BranchReport> = {}): BranchReport {
	const communityId = overrides.communityId ?? 'cm2';
	const doc: BranchReport = {
		id: branchReportId('br1', communityId),
		kind: 'branch-report',
		branchId: 'br1',
		communityId,
		orgId: 'org-a',
		submission: 1,
		submittedAt: '2026-05-01T09:00:00.000Z',
		secretaryMemberId: 'm121',
		secretaryName: '王书记',
		updatedAt: '2026-05-01T09:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? branchReports.channelsOf(doc) };
}

function decide(
	actor: Actor,
	next: BranchReport,
	options: { prev?: BranchReport; deleting?: boolean; branch?: object | null } = {}
) {
	if (!branchReports.policy) throw new Error('branch reports have a policy');
	const context: WriteContext<BranchReport> = {
		actor,
		prev: options.prev ?? null,
		next,
		deleting: options.deleting ?? false,
		subject: options.branch === undefined ? BRANCH : (options.branch as Record<string, unknown>),
		...plainContext,
		related: (ref) => COMMUNITIES[`${ref.collection}/${ref.id}`] ?? null
	};
	return branchReports.policy(context);
}

const valid = (doc: unknown) => validateAgainst(branchReports.schema, doc);

describe('branch report ids and channels', () => {
	it('names the branch and the community, and tells itself from members’ reports', () => {
		expect(branchReportId('br1', 'cm2')).toBe('br.br1.cm2');
		expect(isBranchReportId('br.br1.cm2')).toBe(true);
		expect(isBranchReportId('m001.unit.cm2')).toBe(false);
	});

	it('travels to the branch, the community and the bureau', () => {
		expect(report().channels).toEqual(['branch:br1', 'bureau:org-a', 'community:cm2']);
	});

	it('reads the branch as its subject and the community as related', () => {
		expect(branchReports.subjectOf?.(report())).toEqual({ collection: 'directory', id: 'br1' });
		expect(branchReports.relatedOf?.(report())).toEqual([{ collection: 'directory', id: 'cm2' }]);
	});
});

describe('branch report schema', () => {
	it('accepts a report with or without a note', () => {
		expect(valid(report())).toBeNull();
		expect(valid(report({ note: '支部共有党员21名' }))).toBeNull();
	});

	it('limits the secretary’s name to 40 and the note to 500 characters', () => {
		expect(valid(report({ secretaryName: '' }))?.path).toBe('/secretaryName');
		expect(valid(report({ secretaryName: '王'.repeat(41) }))?.path).toBe('/secretaryName');
		expect(valid(report({ note: '字'.repeat(501) }))?.path).toBe('/note');
	});
});

describe('branch report policy', () => {
	it('lets the branch’s secretary report to the linked community', () => {
		expect(decide(secretary, report())).toEqual({ ok: true });
	});

	it('refuses anyone but the branch’s secretary', () => {
		const otherSecretary: Actor = {
			username: 'member22',
			memberId: 'm022',
			branchId: 'br2',
			orgId: 'org-a',
			roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br2' }]
		};
		for (const actor of [member, otherMember, office, staff, admin, otherSecretary]) {
			expect(decide(actor, report()), actor.username).toEqual({ ok: false, reason: 'forbidden' });
		}
	});

	it('refuses a report naming another member as the secretary', () => {
		expect(decide(secretary, report({ secretaryMemberId: 'm001' }))).toEqual({
			ok: false,
			reason: 'not-owner',
			detail: 'secretaryMemberId'
		});
	});

	it('refuses a report to a community that is not the branch’s linked one', () => {
		expect(decide(secretary, report({ communityId: 'cm1' }))).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'communityId'
		});
		// Linked to a place the directory does not hold as a community.
		const gone = { ...BRANCH, linkedCommunityId: 'cm9' };
		expect(decide(secretary, report({ communityId: 'cm9' }), { branch: gone })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'communityId'
		});
	});

	it('refuses a report of a branch it does not find, or of another bureau', () => {
		expect(decide(secretary, report(), { branch: null })).toMatchObject({
			reason: 'subject-mismatch'
		});
		expect(decide(secretary, report({ orgId: 'org-b' }))).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'orgId'
		});
	});

	it('refuses a wrong id and a first report that is not the first submission', () => {
		expect(decide(secretary, { ...report(), id: 'br.br1.cm1' })).toMatchObject({
			reason: 'invalid',
			detail: 'id'
		});
		expect(decide(secretary, report({ submission: 2 }))).toMatchObject({
			reason: 'invalid',
			detail: 'submission'
		});
	});

	it('takes a resubmission as the next submission, with new content', () => {
		const prev = report();
		const again = report({
			submission: 2,
			note: '已补充',
			submittedAt: '2026-05-03T09:00:00.000Z'
		});
		expect(decide(secretary, again, { prev })).toEqual({ ok: true });
		expect(decide(secretary, prev, { prev })).toEqual({ ok: true });
	});

	it('refuses changing a submission in place, skipping or going back', () => {
		const prev = report({ submission: 2 });
		expect(decide(secretary, report({ submission: 2, note: '改' }), { prev })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'submission'
		});
		expect(decide(secretary, report({ submission: 4 }), { prev })).toMatchObject({
			reason: 'immutable-field'
		});
		expect(decide(secretary, report({ submission: 1 }), { prev })).toMatchObject({
			reason: 'immutable-field'
		});
	});

	it('refuses deleting a report', () => {
		expect(decide(secretary, report(), { prev: report(), deleting: true })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});
});
