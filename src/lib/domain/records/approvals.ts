import { isSecretaryOf } from '../access/roles';
import { ACCEPT, reject, type Verdict } from '../access/write-verdict';
import { recordYear } from '../calendar/shanghai-calendar';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { hasText, submissionField, yearField, yearlyChannels } from './record-fragments';

export type ApprovalDecision = 'approved' | 'returned';

/**
 * The branch secretary's decision on a service record or a correction, for one submission of it
 * (kind `approval` of `reviews`; the community's `review` has no `kind` field). Append-only with a
 * deterministic id, so a tablet approving offline and another device converge. Only a secretary of
 * the record's branch writes one; the subject's member, branch, bureau, community and submission
 * are copied and checked. The order of the community's review and the approval does not matter:
 * a record counts once both stand for its current submission (record-status.ts).
 */
export interface Approval {
	id: string;
	kind: 'approval';
	subjectCollection: 'reports';
	subjectId: string;
	subjectSubmission: number;
	memberId: string;
	branchId: string;
	orgId: string;
	communityId: string;
	/** The subject's year: approvals travel in the same yearly channels as the records. */
	year: number;
	approver: string;
	decision: ApprovalDecision;
	/** Required when returning. ≤ 500 chars. */
	reason?: string;
	decidedAt: string;
	channels: string[];
}

export function approvalId(subjectId: string, submission: number): string {
	return `${subjectId}.a${submission}`;
}

export function isApproval(doc: { kind?: unknown }): doc is Approval {
	return doc.kind === 'approval';
}

/** The kinds of the `reports` collection a decision of issue 17 is about. */
export const DECIDED_KINDS = ['service-record', 'correction'] as const;

/**
 * The year a record or correction travels in (a record's from its service time), or null when
 * the stored document is neither.
 */
export function subjectYear(subject: Record<string, unknown>): number | null {
	if (subject['kind'] === 'service-record') return recordYear(String(subject['at']));
	if (subject['kind'] === 'correction') return Number(subject['year']);
	return null;
}

const copiedFromSubject = ['memberId', 'branchId', 'orgId', 'communityId'] as const;

/**
 * Whether a decision names its subject as stored: the copied fields, the submission it decides,
 * and the year. Shared by the community's review and the secretary's approval.
 */
export function checkDecidedSubject(
	decision: Pick<Approval, (typeof copiedFromSubject)[number] | 'subjectSubmission'> & {
		year?: number;
	},
	subject: Record<string, unknown>
): Verdict {
	const mismatch = copiedFromSubject.find((field) => subject[field] !== decision[field]);
	if (mismatch) return reject('subject-mismatch', mismatch);
	if (subject['submission'] !== decision.subjectSubmission) {
		return reject('subject-mismatch', 'submission');
	}
	if ((subjectYear(subject) ?? undefined) !== decision.year)
		return reject('subject-mismatch', 'year');
	// Withdrawn is no longer service; 需核实 waits for the organiser, whose resolution is a new submission.
	if (subject['withdrawn'] === true) return reject('subject-mismatch', 'withdrawn');
	if (subject['flagged'] === true) return reject('subject-mismatch', 'flagged');
	return ACCEPT;
}

export const approvals: KindDefinition<Approval> = {
	name: 'approval',
	kindValues: ['approval'],
	schema: {
		title: 'approval',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['approval'] },
			subjectCollection: { type: 'string', enum: ['reports'] },
			subjectId: compositeId,
			subjectSubmission: submissionField,
			memberId: idRef,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			year: yearField,
			approver: { type: 'string', minLength: 1, maxLength: 64 },
			decision: { type: 'string', enum: ['approved', 'returned'] },
			reason: { type: 'string', maxLength: 500 },
			decidedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'subjectCollection',
			'subjectId',
			'subjectSubmission',
			'memberId',
			'branchId',
			'orgId',
			'communityId',
			'year',
			'approver',
			'decision',
			'decidedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (a) => yearlyChannels(a, a.year),
	subjectOf: (a) => ({ collection: a.subjectCollection, id: a.subjectId }),
	policy: ({ actor, prev, next, deleting, subject }) => {
		// One document per submission, so two tablets deciding offline converge.
		if (prev || deleting) return reject('append-only');
		if (next.approver !== actor.username) return reject('not-owner');
		if (next.id !== approvalId(next.subjectId, next.subjectSubmission)) {
			return reject('invalid', 'id');
		}
		if (!isSecretaryOf(actor, next.branchId)) return reject('forbidden');
		// A secretary who is also the member does not approve their own service.
		if (actor.memberId !== undefined && actor.memberId === next.memberId) {
			return reject('forbidden', 'own');
		}
		if (next.decision === 'returned' && !hasText(next.reason)) return reject('invalid', 'reason');
		if (!subject || subject['_deleted'] === true) return reject('subject-mismatch');
		if (!(DECIDED_KINDS as readonly unknown[]).includes(subject['kind'])) {
			return reject('subject-mismatch', 'kind');
		}
		return checkDecidedSubject(next, subject);
	}
};
