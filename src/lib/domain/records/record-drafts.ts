import { recordYear } from '../calendar/shanghai-calendar';
import type { Member } from '../people/members';
import { reviewId, reviews, type Review } from '../reporting/reviews';
import { approvalId, approvals, type Approval } from './approvals';
import {
	askedChanges,
	correctionId,
	corrections,
	type AskedValues,
	type Correction
} from './corrections';
import { MAX_PHOTOS } from './record-fragments';
import {
	isServiceTimeOpen,
	MAX_RECORD_MINUTES,
	OWN_CATEGORIES,
	ownRecordId,
	serviceRecords,
	valuesBefore,
	type RecordValues,
	type ServiceRecord,
	type TrailEntry
} from './service-record';

/**
 * The documents people write about service records, built the one way the gateway accepts
 * (deterministic ids, channels from the kinds, text trimmed), and the problems of form input,
 * found before anything is written so the screen can say what to fix.
 */

export const MAX_DESCRIPTION = 500;
export const MAX_DECISION_REASON = 500;
/** A trail entry keeps the member's reason for a resubmission, shorter than a decision's. */
export const MAX_TRAIL_REASON = 200;

export type OwnCategory = (typeof OWN_CATEGORIES)[number];

export type RecordProblem =
	| 'at-missing'
	| 'at-future'
	| 'at-closed-year'
	| 'at-other-year'
	| 'minutes-range'
	| 'description-missing'
	| 'description-too-long'
	| 'community-missing'
	| 'category'
	| 'too-many-photos'
	| 'reason-missing'
	| 'reason-too-long'
	| 'nothing-changed';

/** What a member enters for service of their own; `at` is an instant (from Shanghai wall time). */
export interface OwnRecordInput {
	at: string | null;
	minutes: number;
	description: string;
	communityId: string;
	category: OwnCategory;
	photos: readonly string[];
	/** A missed check-in: the activity attended, with its host branch copied from it. */
	activity?: { id: string; hostBranchId?: string };
}

function timeProblems(at: string | null, now: Date): RecordProblem[] {
	if (!at || Number.isNaN(Date.parse(at))) return ['at-missing'];
	if (isServiceTimeOpen(at, now)) return [];
	return Date.parse(at) > now.getTime() ? ['at-future'] : ['at-closed-year'];
}

function minutesProblems(minutes: number): RecordProblem[] {
	return Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_RECORD_MINUTES
		? []
		: ['minutes-range'];
}

function descriptionProblems(description: string): RecordProblem[] {
	const text = description.trim();
	if (!text) return ['description-missing'];
	return text.length > MAX_DESCRIPTION ? ['description-too-long'] : [];
}

function reasonProblems(reason: string, max: number): RecordProblem[] {
	const text = reason.trim();
	if (!text) return ['reason-missing'];
	return text.length > max ? ['reason-too-long'] : [];
}

/** Every problem of an own record's input; empty when it can be written. */
export function ownRecordProblems(input: OwnRecordInput, now: Date): RecordProblem[] {
	return [
		...timeProblems(input.at, now),
		...minutesProblems(input.minutes),
		...descriptionProblems(input.description),
		...(input.communityId ? [] : (['community-missing'] as const)),
		...((OWN_CATEGORIES as readonly string[]).includes(input.category)
			? []
			: (['category'] as const)),
		...(input.photos.length > MAX_PHOTOS ? (['too-many-photos'] as const) : [])
	];
}

/** Problems of a decision's return reason (a decision that approves or confirms has none). */
export function decisionReasonProblems(reason: string): RecordProblem[] {
	return reasonProblems(reason, MAX_DECISION_REASON);
}

/** Problems of the reason a member gives when resubmitting a returned record. */
export function resubmitReasonProblems(reason: string): RecordProblem[] {
	return reasonProblems(reason, MAX_TRAIL_REASON);
}

/** A random key for an own record's id (6–24 of [a-z0-9]), so two devices never collide. */
export function newRecordKey(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}

function contentOf(
	input: OwnRecordInput
): Omit<RecordValues, 'at'> &
	Pick<ServiceRecord, 'category' | 'photos' | 'activityId' | 'hostBranchId'> {
	return {
		minutes: input.minutes,
		description: input.description.trim(),
		communityId: input.communityId,
		category: input.category,
		photos: [...input.photos],
		...(input.activity ? { activityId: input.activity.id } : {}),
		...(input.activity?.hostBranchId ? { hostBranchId: input.activity.hostBranchId } : {})
	};
}

function withChannels(record: ServiceRecord): ServiceRecord {
	return { ...record, channels: serviceRecords.channelsOf(record) };
}

/** A member's new record of service done outside the app (or a missed check-in). */
export function ownRecordOf(input: {
	member: Pick<Member, 'id' | 'name' | 'branchId' | 'orgId'>;
	/** The member's username: who wrote it, in the trail. */
	by: string;
	key: string;
	values: OwnRecordInput & { at: string };
	now: Date;
}): ServiceRecord {
	const { member, values, now } = input;
	const at = now.toISOString();
	return withChannels({
		id: ownRecordId(member.id, input.key),
		kind: 'service-record',
		origin: 'own',
		memberId: member.id,
		memberName: member.name,
		branchId: member.branchId,
		orgId: member.orgId,
		at: values.at,
		...contentOf(values),
		submission: 1,
		submittedAt: at,
		trail: [{ at, by: input.by, change: 'created' }],
		updatedAt: at,
		channels: []
	});
}

/** The next submission of a member's own record, after a return: new values and why. */
export function resubmittedRecord(input: {
	record: ServiceRecord;
	by: string;
	values: OwnRecordInput & { at: string };
	reason: string;
	now: Date;
}): ServiceRecord {
	const { record, values, now } = input;
	const at = now.toISOString();
	const next: ServiceRecord = {
		...record,
		at: values.at,
		...contentOf(values),
		submission: record.submission + 1,
		submittedAt: at,
		updatedAt: at
	};
	if (!values.activity) {
		delete next.activityId;
		delete next.hostBranchId;
	} else if (!values.activity.hostBranchId) {
		delete next.hostBranchId;
	}
	const entry: TrailEntry = {
		at,
		by: input.by,
		change: 'resubmitted',
		before: valuesBefore(record, next),
		reason: input.reason.trim()
	};
	return withChannels({ ...next, trail: [...record.trail, entry] });
}

/** A member takes back a record not yet approved: it stays, with its history, out of the count. */
export function withdrawnRecord(record: ServiceRecord, by: string, now: Date): ServiceRecord {
	const at = now.toISOString();
	return {
		...record,
		withdrawn: true,
		trail: [...record.trail, { at, by, change: 'withdrawn' }],
		updatedAt: at
	};
}

export interface CorrectionInput {
	asked: AskedValues;
	reason: string;
	photos: readonly string[];
}

/**
 * Problems of a correction: it must change something of the record's effective values, in the
 * record's year, with a reason.
 */
export function correctionProblems(
	input: CorrectionInput,
	record: ServiceRecord,
	effective: Partial<RecordValues>,
	now: Date
): RecordProblem[] {
	const asked = input.asked;
	const problems: RecordProblem[] = [];
	if (asked.at !== undefined) {
		problems.push(...timeProblems(asked.at, now));
		if (!problems.length && recordYear(asked.at) !== recordYear(record.at)) {
			problems.push('at-other-year');
		}
	}
	if (asked.minutes !== undefined) problems.push(...minutesProblems(asked.minutes));
	if (asked.description !== undefined) problems.push(...descriptionProblems(asked.description));
	if (!Object.keys(askedChanges(trimmed(asked), effective)).length)
		problems.push('nothing-changed');
	problems.push(...reasonProblems(input.reason, MAX_DECISION_REASON));
	if (input.photos.length > MAX_PHOTOS) problems.push('too-many-photos');
	return problems;
}

function trimmed(asked: AskedValues): AskedValues {
	return asked.description === undefined
		? asked
		: { ...asked, description: asked.description.trim() };
}

/**
 * The member's correction of a record, or its next submission: only the asked values that
 * differ from the record's stored ones (the gateway compares with those).
 */
export function correctionOf(input: {
	record: ServiceRecord;
	existing: Correction | null;
	values: CorrectionInput;
	now: Date;
}): Correction {
	const { record, existing, values, now } = input;
	const at = now.toISOString();
	const doc: Correction = {
		id: correctionId(record.id),
		kind: 'correction',
		recordId: record.id,
		memberId: record.memberId,
		memberName: record.memberName,
		branchId: record.branchId,
		orgId: record.orgId,
		communityId: record.communityId,
		...(record.hostBranchId ? { hostBranchId: record.hostBranchId } : {}),
		year: recordYear(record.at),
		asked: askedChanges(trimmed(values.asked), record),
		reason: values.reason.trim(),
		photos: [...values.photos],
		submission: existing ? existing.submission + 1 : 1,
		submittedAt: at,
		updatedAt: at,
		channels: []
	};
	return { ...doc, channels: corrections.channelsOf(doc) };
}

type Decided = ServiceRecord | Correction;

function decidedYear(subject: Decided): number {
	return subject.kind === 'correction' ? subject.year : recordYear(subject.at);
}

function copiedFrom(subject: Decided) {
	return {
		subjectCollection: 'reports' as const,
		subjectId: subject.id,
		subjectSubmission: subject.submission,
		memberId: subject.memberId,
		branchId: subject.branchId,
		orgId: subject.orgId,
		communityId: subject.communityId,
		year: decidedYear(subject)
	};
}

export type ApprovalInput = { decision: 'approved' } | { decision: 'returned'; reason: string };

/** The secretary's decision on the current submission of a record or correction. */
export function approvalOf(
	subject: Decided,
	approver: string,
	input: ApprovalInput,
	now: Date
): Approval {
	const doc: Approval = {
		id: approvalId(subject.id, subject.submission),
		kind: 'approval',
		...copiedFrom(subject),
		approver,
		decision: input.decision,
		...(input.decision === 'returned' ? { reason: input.reason.trim() } : {}),
		decidedAt: now.toISOString(),
		channels: []
	};
	return { ...doc, channels: approvals.channelsOf(doc) };
}

export type ConfirmationInput =
	{ decision: 'confirmed' } | { decision: 'returned'; reason: string };

/** The community's decision on the current submission of a member's own record or a correction. */
export function recordReviewOf(
	subject: Decided,
	reviewer: string,
	input: ConfirmationInput,
	now: Date
): Review {
	const doc: Review = {
		id: reviewId(subject.id, subject.submission),
		...copiedFrom(subject),
		reviewer,
		decision: input.decision,
		...(input.decision === 'returned' ? { reason: input.reason.trim() } : {}),
		decidedAt: now.toISOString(),
		channels: []
	};
	return { ...doc, channels: reviews.channelsOf(doc) };
}
