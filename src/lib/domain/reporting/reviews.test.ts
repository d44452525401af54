import { plainContext } from '../../../test-data/policy-fixtures';
import { describe, expect, it } from 'vitest';
import { ENTITY_ID_MAX, isValidId } from '../schema/ids';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import {
	office,
	otherStaff,
	owner as reportingMember,
	secretary,
	staff
} from '../../../test-data/test-actors';
import { reportId, type Report } from './reports';
import { missingReason, reviewId, reviews, type Review } from './reviews';

const REPORT_ID = 'm001.residence.cm2';

function subject(overrides: Partial<Report> = {}): Record<string, unknown> {
	return {
		id: REPORT_ID,
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		kind: 'residence',
		submission: 1,
		submittedAt: '2024-05-01T09:00:00.000Z',
		updatedAt: '2024-05-01T09:00:00.000Z',
		channels: ['branch:br1', 'bureau:org-a', 'community:cm2', 'member:m001'],
		_id: REPORT_ID,
		_rev: '1-abc',
		...overrides
	};
}

function review(overrides: Partial<Review> = {}): Review {
	const subjectId = overrides.subjectId ?? REPORT_ID;
	const subjectSubmission = overrides.subjectSubmission ?? 1;
	const doc: Review = {
		id: reviewId(subjectId, subjectSubmission),
		subjectCollection: 'reports',
		subjectId,
		subjectSubmission,
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		reviewer: 'community2',
		decision: 'confirmed',
		decidedAt: '2024-05-02T10:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? reviews.channelsOf(doc) };
}

function decide(
	actor: Actor,
	next: Review,
	subjectDoc: Record<string, unknown> | null = subject(),
	prev: Review | null = null,
	deleting = false
) {
	if (!reviews.policy) throw new Error('reviews has a policy');
	return reviews.policy({ actor, prev, next, deleting, subject: subjectDoc, ...plainContext });
}

const valid = (doc: unknown) => validateAgainst(reviews.schema, doc);

describe('reviewId', () => {
	it('appends the submission to the subject id', () => {
		expect(reviewId(REPORT_ID, 1)).toBe('m001.residence.cm2.r1');
		expect(reviewId(REPORT_ID, 12)).toBe('m001.residence.cm2.r12');
	});

	it('gives a valid id for the longest report id two entity ids can compose', () => {
		const longest = reportId('m'.repeat(ENTITY_ID_MAX), 'residence', 'c'.repeat(ENTITY_ID_MAX));
		expect(isValidId(longest)).toBe(true);
		expect(isValidId(reviewId(longest, 1000))).toBe(true);
	});
});

describe('reviews schema', () => {
	it('accepts a confirmation and a return with a reason', () => {
		expect(valid(review())).toBeNull();
		expect(valid(review({ decision: 'returned', reason: '请补充报到照片' }))).toBeNull();
	});

	it.each([
		'id',
		'subjectCollection',
		'subjectId',
		'subjectSubmission',
		'memberId',
		'branchId',
		'orgId',
		'communityId',
		'reviewer',
		'decision',
		'decidedAt',
		'channels'
	])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...review() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects unknown enum values and wrong types', () => {
		expect(valid({ ...review(), subjectCollection: 'members' })?.path).toBe('/subjectCollection');
		expect(valid({ ...review(), decision: 'approved' })?.path).toBe('/decision');
		expect(valid({ ...review(), subjectSubmission: '1' })?.path).toBe('/subjectSubmission');
		expect(valid({ ...review(), subjectSubmission: 0 })?.path).toBe('/subjectSubmission');
		expect(valid({ ...review(), reviewer: '' })?.path).toBe('/reviewer');
		expect(valid({ ...review(), reviewer: 'x'.repeat(65) })?.path).toBe('/reviewer');
		expect(valid({ ...review(), reason: 'x'.repeat(501) })?.path).toBe('/reason');
		expect(valid({ ...review(), decidedAt: 'now' })?.path).toBe('/decidedAt');
	});

	it('rejects an extra property', () => {
		expect(valid({ ...review(), points: 5 })).toEqual({
			path: '/',
			message: 'must NOT have additional properties'
		});
	});

	it('rejects bad ids', () => {
		expect(valid(review({ id: '_r1' }))?.path).toBe('/id');
		expect(valid(review({ id: 'a.r1', subjectId: 'a b' }))?.path).toBe('/subjectId');
		expect(valid(review({ communityId: 'cm:2' }))?.path).toBe('/communityId');
	});
});

describe('reviews channels', () => {
	it('travels with its report', () => {
		expect(reviews.channelsOf(review())).toEqual(['branch:br1', 'community:cm2', 'member:m001']);
	});

	it('names its subject', () => {
		expect(reviews.subjectOf?.(review())).toEqual({ collection: 'reports', id: REPORT_ID });
	});
});

describe('reviews policy', () => {
	it('lets staff of the community confirm the current submission', () => {
		expect(decide(staff, review())).toEqual({ ok: true });
	});

	it('lets staff return a submission with a reason', () => {
		expect(decide(staff, review({ decision: 'returned', reason: '照片不清楚' }))).toEqual({
			ok: true
		});
	});

	it('lets staff decide a later submission', () => {
		expect(decide(staff, review({ subjectSubmission: 3 }), subject({ submission: 3 }))).toEqual({
			ok: true
		});
	});

	it('is append-only: no edits and no deletions', () => {
		expect(
			decide(staff, review({ decision: 'returned', reason: 'x' }), subject(), review())
		).toEqual({ ok: false, reason: 'append-only' });
		expect(decide(staff, review(), subject(), review(), true)).toEqual({
			ok: false,
			reason: 'append-only'
		});
		expect(decide(staff, review(), subject(), null, true)).toEqual({
			ok: false,
			reason: 'append-only'
		});
	});

	it('refuses a review signed with another reviewer name', () => {
		expect(decide(staff, review({ reviewer: 'community9' }))).toEqual({
			ok: false,
			reason: 'not-owner'
		});
	});

	it('refuses an id other than subject.r<submission>', () => {
		for (const id of [`${REPORT_ID}.r2`, `${REPORT_ID}-r1`, 'review1']) {
			expect(decide(staff, review({ id })), id).toEqual({
				ok: false,
				reason: 'invalid',
				detail: 'id'
			});
		}
	});

	it('refuses staff of another community', () => {
		expect(decide(otherStaff, review({ reviewer: 'community1' }))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('refuses people who are not community staff', () => {
		for (const actor of [office, secretary, reportingMember]) {
			expect(decide(actor, review({ reviewer: actor.username })), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
	});

	it('refuses a return without a reason', () => {
		expect(decide(staff, review({ decision: 'returned' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'reason'
		});
		expect(decide(staff, review({ decision: 'returned', reason: '  \n\t ' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'reason'
		});
		expect(decide(staff, review({ decision: 'returned', reason: '' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'reason'
		});
	});

	it('refuses a review of a missing or deleted report', () => {
		expect(decide(staff, review(), null)).toEqual({ ok: false, reason: 'subject-mismatch' });
		expect(decide(staff, review(), { ...subject(), _deleted: true })).toEqual({
			ok: false,
			reason: 'subject-mismatch'
		});
	});

	it.each([
		['memberId', { memberId: 'm002' }],
		['branchId', { branchId: 'br2' }],
		['orgId', { orgId: 'org-b' }],
		['communityId', { communityId: 'cm9' }]
	] as const)('refuses a review whose %s differs from the report', (field, change) => {
		expect(decide(staff, review(), subject(change))).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: field
		});
	});

	it('refuses a review of an older submission once the member resubmitted', () => {
		expect(decide(staff, review({ subjectSubmission: 1 }), subject({ submission: 2 }))).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'submission'
		});
	});

	it('refuses a review of a submission the report has not reached', () => {
		expect(decide(staff, review({ subjectSubmission: 2 }), subject({ submission: 1 }))).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'submission'
		});
	});

	it('refuses a subject whose submission is not a number', () => {
		expect(decide(staff, review(), { ...subject(), submission: '1' })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'submission'
		});
	});
});

describe('missingReason', () => {
	it('asks a return for a reason that is more than blanks; a confirmation needs none', () => {
		expect(missingReason({ decision: 'returned' })).toBe(true);
		expect(missingReason({ decision: 'returned', reason: ' \n ' })).toBe(true);
		expect(missingReason({ decision: 'returned', reason: '照片不清楚' })).toBe(false);
		expect(missingReason({ decision: 'confirmed' })).toBe(false);
	});
});

describe('a review of a branch report', () => {
	const branchReport = {
		id: 'br.br1.cm2',
		kind: 'branch-report',
		branchId: 'br1',
		communityId: 'cm2',
		orgId: 'org-a',
		submission: 1,
		submittedAt: '2024-05-01T09:00:00.000Z',
		secretaryMemberId: 'm121',
		secretaryName: '王书记',
		updatedAt: '2024-05-01T09:00:00.000Z',
		channels: ['branch:br1', 'bureau:org-a', 'community:cm2']
	};
	const ofBranch = (overrides: Partial<Review> = {}) =>
		review({ subjectId: 'br.br1.cm2', memberId: 'm121', ...overrides });

	it('travels to the branch, the community and the bureau, not to a member', () => {
		expect(ofBranch().channels).toEqual(['branch:br1', 'bureau:org-a', 'community:cm2']);
	});

	it('lets the community’s staff confirm or return it', () => {
		expect(decide(staff, ofBranch(), branchReport)).toEqual({ ok: true });
		expect(
			decide(staff, ofBranch({ decision: 'returned', reason: '请补充' }), branchReport)
		).toEqual({ ok: true });
	});

	it('refuses staff of another community, and the office', () => {
		expect(decide(otherStaff, ofBranch({ reviewer: 'community1' }), branchReport)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(decide(office, ofBranch({ reviewer: 'office1' }), branchReport)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('refuses fields not copied from the report', () => {
		expect(decide(staff, ofBranch({ memberId: 'm001' }), branchReport)).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'memberId'
		});
		expect(decide(staff, ofBranch({ orgId: 'org-b' }), branchReport)).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'orgId'
		});
	});

	it('refuses an id that does not say what its subject is', () => {
		// A review naming a member's report by id but deciding a branch report, and the reverse.
		expect(decide(staff, review({ memberId: 'm121' }), branchReport)).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'kind'
		});
		expect(decide(staff, ofBranch(), subject())).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'kind'
		});
	});
});
