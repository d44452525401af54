import { describe, expect, it } from 'vitest';
import { otherStaff, owner, secretary, staff, office } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import { checkWrite, relatedKey, withChannels, type WriteAttempt } from '../access/write-policy';
import { collectionSchema, kindOf } from '../registry';
import { validateAgainst } from '../schema/schema-validation';
import { feedbackId, feedbackKind, feedbackProblem, type Feedback } from './community-feedback';

const NOW = new Date('2026-12-10T04:00:00.000Z');
const profile = { id: 'm001', branchId: 'br1', orgId: 'org-a', name: '党员m001' };

function aFeedback(overrides: Partial<Feedback> = {}): Feedback {
	const base: Feedback = {
		id: feedbackId(2026, 'cm2', 'm001'),
		kind: 'feedback',
		year: 2026,
		communityId: 'cm2',
		memberId: 'm001',
		memberName: '党员m001',
		branchId: 'br1',
		orgId: 'org-a',
		grade: 'good',
		by: 'community2',
		updatedAt: NOW.toISOString(),
		channels: []
	};
	return withChannels('evaluations', { ...base, ...overrides });
}

function push(
	actor: Actor,
	next: Feedback,
	options: { prev?: Feedback; deleting?: boolean; member?: object | null; complete?: boolean } = {}
) {
	const member = options.member === undefined ? profile : options.member;
	return checkWrite({
		collection: 'evaluations',
		actor,
		prev: (options.prev ?? null) as WriteAttempt['prev'],
		next: next as unknown as WriteAttempt['next'],
		deleting: options.deleting ?? false,
		subject: null,
		related: new Map(
			member ? [[relatedKey({ collection: 'members', id: 'm001' }), member as never]] : []
		),
		relatedComplete: options.complete ?? true,
		now: NOW
	});
}

describe('community feedback (R21)', () => {
	it("is the `feedback` kind of evaluations, one per year, community and member, in the year's channels", () => {
		const feedback = aFeedback();
		expect(kindOf('evaluations', feedback)).toBe(feedbackKind);
		expect(feedback.id).toBe('feedback.2026.cm2.m001');
		expect(feedback.channels).toEqual([
			'branch:br1/2026',
			'bureau:org-a/2026',
			'community:cm2/2026',
			'member:m001/2026'
		]);
		expect(validateAgainst(collectionSchema('evaluations'), feedback)).toBeNull();
	});

	it("is written by the community's staff only", () => {
		expect(push(staff, aFeedback())).toEqual({ ok: true });
		for (const actor of [otherStaff, owner, secretary, office]) {
			expect(push(actor, aFeedback({ by: actor.username })), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
		expect(push(staff, aFeedback({ by: 'community9' }))).toMatchObject({ reason: 'not-owner' });
	});

	it('asks why when the grade is 差', () => {
		expect(push(staff, aFeedback({ grade: 'poor' }))).toMatchObject({ detail: 'comment' });
		expect(push(staff, aFeedback({ grade: 'poor', comment: '  ' }))).toMatchObject({
			detail: 'comment'
		});
		expect(push(staff, aFeedback({ grade: 'poor', comment: '多次未按约定到岗' }))).toEqual({
			ok: true
		});
		expect(feedbackProblem({ grade: 'good', comment: '长'.repeat(501) })).toBe('comment-too-long');
		expect(feedbackProblem({ grade: 'average' })).toBeNull();
	});

	it('may change the grade and comment, never whom it is about; and is never deleted', () => {
		const prev = aFeedback();
		expect(push(staff, aFeedback({ grade: 'fairly-good', comment: '较好' }), { prev })).toEqual({
			ok: true
		});
		expect(push(staff, aFeedback({ branchId: 'br2' }), { prev })).toMatchObject({
			reason: 'immutable-field'
		});
		expect(push(staff, prev, { prev, deleting: true })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it("must name the member's own branch and bureau, which the gateway checks", () => {
		expect(push(staff, aFeedback({ branchId: 'br2' }))).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'branchId'
		});
		expect(push(staff, aFeedback(), { member: null })).toMatchObject({
			reason: 'subject-mismatch'
		});
		// The community's device may not hold the profile: the gateway decides.
		expect(push(staff, aFeedback(), { member: null, complete: false })).toEqual({ ok: true });
	});

	it('is given for an open year only, under its own id', () => {
		expect(
			push(staff, aFeedback({ year: 2024, id: feedbackId(2024, 'cm2', 'm001') }))
		).toMatchObject({ detail: 'year' });
		expect(push(staff, aFeedback({ id: 'feedback.2026.cm2.m002' }))).toMatchObject({
			detail: 'id'
		});
	});
});
