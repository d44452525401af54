import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { isStaffOf } from '../access/roles';
import { ACCEPT, reject, type Verdict } from '../access/write-verdict';
import { checkDecidedSubject } from '../records/approvals';
import { submissionField, yearField, yearlyChannels } from '../records/record-fragments';
import { confirmationPath, correctionNeedsReview } from '../records/confirmation';
import { branchReportChannels, isBranchReportId } from './branch-reports';

export type Decision = 'confirmed' | 'returned';

/**
 * A community's decision on another document: a report, a branch's report, or a service record
 * or correction whose confirmation is the community's. Append-only, with one id per subject submission, so two staff
 * devices deciding offline converge instead of conflicting.
 */
export interface Review {
	id: string;
	subjectCollection: 'reports';
	subjectId: string;
	subjectSubmission: number;
	/**
	 * Copied from the subject so the review travels in the same channels. A branch report's
	 * review names its secretary as the member.
	 */
	memberId: string;
	branchId: string;
	orgId: string;
	communityId: string;
	/** The year of a record or correction decided: it travels in their yearly channels. */
	year?: number;
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

/** Whether a document of the `reviews` collection is the community's review (it has no `kind`). */
export function isReview(doc: object): doc is Review {
	return (doc as { kind?: unknown }).kind === undefined;
}

/** A return without a reason: refused, since the member must learn what to correct. */
export function missingReason(review: { decision: Decision; reason?: string }): boolean {
	return review.decision === 'returned' && !review.reason?.trim();
}

const copiedFromSubject = ['memberId', 'branchId', 'orgId', 'communityId'] as const;

/** Whether the community decides the record or correction, as stored: not where the source or the branch does. */
function isCommunityStep(subject: Record<string, unknown>): boolean {
	const fields = {
		origin: subject['origin'] as 'activity' | 'claim' | 'own',
		branchId: String(subject['branchId']),
		...(typeof subject['hostBranchId'] === 'string'
			? { hostBranchId: subject['hostBranchId'] }
			: {})
	};
	return subject['kind'] === 'correction'
		? correctionNeedsReview(fields)
		: confirmationPath(fields) === 'review';
}

function checkReport(next: Review, subject: Record<string, unknown>): Verdict {
	const mismatch = copiedFromSubject.find((field) => subject[field] !== next[field]);
	if (mismatch) return reject('subject-mismatch', mismatch);
	if (subject['submission'] !== next.subjectSubmission) {
		return reject('subject-mismatch', 'submission');
	}
	return next.year === undefined ? ACCEPT : reject('subject-mismatch', 'year');
}

/** A branch report is the branch's: its review copies the secretary who sent it as the member. */
function checkBranchReport(next: Review, subject: Record<string, unknown>): Verdict {
	if (subject['secretaryMemberId'] !== next.memberId) return reject('subject-mismatch', 'memberId');
	return checkReport(next, { ...subject, memberId: next.memberId });
}

function checkSubject(next: Review, subject: Record<string, unknown>): Verdict {
	const kind = subject['kind'];
	// Channels follow the subject's id (a review knows no more of it): the two must agree.
	if ((kind === 'branch-report') !== isBranchReportId(next.subjectId)) {
		return reject('subject-mismatch', 'kind');
	}
	if (kind === 'branch-report') return checkBranchReport(next, subject);
	if (kind === 'residence' || kind === 'unit') return checkReport(next, subject);
	if (kind !== 'service-record' && kind !== 'correction') return reject('subject-mismatch', 'kind');
	if (!isCommunityStep(subject)) return reject('forbidden', 'confirmation');
	return checkDecidedSubject(next, subject);
}

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
			subjectSubmission: submissionField,
			memberId: idRef,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			year: yearField,
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
	// A branch report's decision reaches the bureau's office, which counts branches that reported.
	channelsOf: (r) =>
		isBranchReportId(r.subjectId)
			? branchReportChannels(r)
			: r.year === undefined
				? normalizeChannels([
						channel.member(r.memberId),
						channel.branch(r.branchId),
						channel.community(r.communityId)
					])
				: yearlyChannels(r, r.year),
	subjectOf: (r) => ({ collection: r.subjectCollection, id: r.subjectId }),
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (prev || deleting) return reject('append-only');
		if (next.reviewer !== actor.username) return reject('not-owner');
		if (next.id !== reviewId(next.subjectId, next.subjectSubmission))
			return reject('invalid', 'id');
		if (!isStaffOf(actor, next.communityId)) return reject('forbidden');
		if (missingReason(next)) return reject('invalid', 'reason');
		if (!subject || subject['_deleted'] === true) return reject('subject-mismatch');
		return checkSubject(next, subject);
	}
};
