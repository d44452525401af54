import { channel, inYear, normalizeChannels, openYears } from '../access/channels';
import { isStaffOf } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { GRADES, type Grade } from '../points/points-scheme';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';

/**
 * A community's year-end feedback on a member who served there (R21): 好/较好/一般/差 with a
 * comment, evidence for the member's grade ('feedback-poor' gate), awards and promotion. The
 * community's staff write it on their device, offline, and may change it while the year is open.
 */
export interface Feedback {
	/** `feedbackId(year, communityId, memberId)`: one per community, member and year. */
	id: string;
	kind: 'feedback';
	year: number;
	communityId: string;
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
	grade: Grade;
	/** Required when the grade is 差: the member and the office must learn why. */
	comment?: string;
	/** The staff member's username. */
	by: string;
	updatedAt: string;
	channels: string[];
}

export const FEEDBACK_COMMENT_MAX = 500;

export function feedbackId(year: number, communityId: string, memberId: string): string {
	return `feedback.${year}.${communityId}.${memberId}`;
}

export function isFeedback(doc: { kind?: unknown }): doc is Feedback {
	return doc.kind === 'feedback';
}

/** Whether a comment must be written: a poor grade must say why. */
export function commentRequired(grade: Grade): boolean {
	return grade === 'poor';
}

/** Why a draft may not be saved yet (null: it may); the screen and the policy share it. */
export function feedbackProblem(draft: {
	grade: Grade;
	comment?: string;
}): 'comment-required' | 'comment-too-long' | null {
	const comment = draft.comment?.trim() ?? '';
	if (comment.length > FEEDBACK_COMMENT_MAX) return 'comment-too-long';
	if (commentRequired(draft.grade) && comment.length === 0) return 'comment-required';
	return null;
}

const memberOf = (f: Feedback): SubjectRef => ({ collection: 'members', id: f.memberId });

/** The fields that name what the feedback is about: fixed once written. */
const SUBJECT_FIELDS = ['year', 'communityId', 'memberId', 'branchId', 'orgId'] as const;

function checkMember(
	next: Feedback,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const member = related(memberOf(next));
	// The community's device may not hold the member's profile; the gateway does.
	if (!member) return relatedComplete ? reject('subject-mismatch', 'memberId') : ACCEPT;
	// The channels follow branchId and orgId: they must be the member's own.
	if (member['branchId'] !== next.branchId) return reject('subject-mismatch', 'branchId');
	if (member['orgId'] !== next.orgId) return reject('subject-mismatch', 'orgId');
	return ACCEPT;
}

export const feedbackKind: KindDefinition<Feedback> = {
	name: 'feedback',
	kindValues: ['feedback'],
	schema: {
		title: 'community feedback',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['feedback'] },
			// As the summaries of the same collection define them (merged-schema.ts).
			year: { type: 'integer', minimum: 2000, maximum: 2200 },
			communityId: idRef,
			memberId: idRef,
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			branchId: idRef,
			orgId: idRef,
			grade: { type: 'string', enum: [...GRADES] },
			comment: { type: 'string', maxLength: FEEDBACK_COMMENT_MAX },
			by: { type: 'string', minLength: 1, maxLength: 64 },
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'year',
			'communityId',
			'memberId',
			'memberName',
			'branchId',
			'orgId',
			'grade',
			'by',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (f) =>
		normalizeChannels([
			inYear(channel.member(f.memberId), f.year),
			inYear(channel.branch(f.branchId), f.year),
			inYear(channel.community(f.communityId), f.year),
			inYear(channel.bureau(f.orgId), f.year)
		]),
	relatedOf: (f) => [memberOf(f)],
	policy: ({ actor, prev, next, deleting, related, relatedComplete, now }) => {
		if (!isStaffOf(actor, next.communityId)) return reject('forbidden');
		if (prev && !isStaffOf(actor, prev.communityId)) return reject('forbidden');
		// Evidence for the year's assessment: changed while the year is open, never taken back.
		if (deleting) return reject('forbidden');
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== feedbackId(next.year, next.communityId, next.memberId)) {
			return reject('invalid', 'id');
		}
		if (!openYears(now).includes(next.year)) return reject('invalid', 'year');
		if (prev) {
			const field = changedField(prev, next, SUBJECT_FIELDS);
			if (field) return reject('immutable-field', field);
		}
		if (!next.memberName.trim()) return reject('invalid', 'memberName');
		if (feedbackProblem(next)) return reject('invalid', 'comment');
		return prev ? ACCEPT : checkMember(next, related, relatedComplete);
	}
};
