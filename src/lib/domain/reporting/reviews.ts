import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { isStaffOf } from '../access/roles';
import { ACCEPT, reject } from '../access/write-verdict';

export type Decision = 'confirmed' | 'returned';

/**
 * A reviewer's decision on another document (for now: a report). Append-only, with one id per
 * subject submission, so two staff devices deciding offline converge instead of conflicting.
 */
export interface Review {
	id: string;
	subjectCollection: 'reports';
	subjectId: string;
	subjectSubmission: number;
	/** Copied from the subject so the review travels in the same channels. */
	memberId: string;
	branchId: string;
	orgId: string;
	communityId: string;
	reviewer: string;
	decision: Decision;
	/** Required when returning: the member must learn what to correct. */
	reason?: string;
	decidedAt: string;
	channels: string[];
}

export function reviewId(subjectId: string, submission: number): string {
	return `${subjectId}.r${submission}`;
}

/** A return without a reason: refused, since the member must learn what to correct. */
export function missingReason(review: { decision: Decision; reason?: string }): boolean {
	return review.decision === 'returned' && !review.reason?.trim();
}

const copiedFromSubject = ['memberId', 'branchId', 'orgId', 'communityId'] as const;

export const reviews: KindDefinition<Review> = {
	name: 'review',
	schema: {
		title: 'review',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			subjectCollection: { type: 'string', enum: ['reports'] },
			subjectId: compositeId,
			subjectSubmission: { type: 'integer', minimum: 1, maximum: 1000 },
			memberId: idRef,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			reviewer: { type: 'string', minLength: 1, maxLength: 64 },
			decision: { type: 'string', enum: ['confirmed', 'returned'] },
			reason: { type: 'string', maxLength: 500 },
			decidedAt: instant,
			...baseProperties
		},
		required: [
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
		],
		additionalProperties: false
	},
	channelsOf: (r) =>
		normalizeChannels([
			channel.member(r.memberId),
			channel.branch(r.branchId),
			channel.community(r.communityId)
		]),
	subjectOf: (r) => ({ collection: r.subjectCollection, id: r.subjectId }),
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (prev || deleting) return reject('append-only');
		if (next.reviewer !== actor.username) return reject('not-owner');
		if (next.id !== reviewId(next.subjectId, next.subjectSubmission))
			return reject('invalid', 'id');
		if (!isStaffOf(actor, next.communityId)) return reject('forbidden');
		if (missingReason(next)) return reject('invalid', 'reason');
		if (!subject || subject['_deleted'] === true) return reject('subject-mismatch');
		const mismatch = copiedFromSubject.find((field) => subject[field] !== next[field]);
		if (mismatch) return reject('subject-mismatch', mismatch);
		if (subject['submission'] !== next.subjectSubmission) {
			return reject('subject-mismatch', 'submission');
		}
		return ACCEPT;
	}
};
