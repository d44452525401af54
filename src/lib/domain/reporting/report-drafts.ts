import {
	reminderId,
	reportId,
	reviewId,
	type Decision,
	type Member,
	type Notice,
	type ReminderTopic,
	type Report,
	type ReportKind,
	type Review
} from '../registry';
import { notices } from '../messages/notices';
import { reports } from './reports';
import { reviews } from './reviews';
import { nextReportingStep, type ReportingState } from './member-reporting';

/**
 * The documents people write in the reporting slice, built the one way the gateway accepts:
 * deterministic ids, channels from the shared functions, text trimmed.
 */

/** A first report, or the next submission of an existing one (after a return, or a new note). */
export function reportToSubmit(input: {
	member: Member;
	kind: ReportKind;
	communityId: string;
	existing: Report | null;
	note: string;
	now: Date;
}): Report {
	const { member, kind, communityId, existing, now } = input;
	const at = now.toISOString();
	const note = input.note.trim();
	const doc: Report = {
		id: reportId(member.id, kind, communityId),
		memberId: member.id,
		branchId: member.branchId,
		orgId: member.orgId,
		communityId,
		kind,
		submission: existing ? existing.submission + 1 : 1,
		submittedAt: at,
		memberName: member.name,
		...(note ? { note } : {}),
		updatedAt: at,
		channels: []
	};
	return { ...doc, channels: reports.channelsOf(doc) };
}

export type ReviewInput = { decision: 'confirmed' } | { decision: 'returned'; reason: string };

/** A reviewer's decision on the report's current submission. */
export function reviewOf(report: Report, reviewer: string, input: ReviewInput, now: Date): Review {
	const decision: Decision = input.decision;
	const doc: Review = {
		id: reviewId(report.id, report.submission),
		subjectCollection: 'reports',
		subjectId: report.id,
		subjectSubmission: report.submission,
		memberId: report.memberId,
		branchId: report.branchId,
		orgId: report.orgId,
		communityId: report.communityId,
		reviewer,
		decision,
		...(input.decision === 'returned' ? { reason: input.reason.trim() } : {}),
		decidedAt: now.toISOString(),
		channels: []
	};
	return { ...doc, channels: reviews.channelsOf(doc) };
}

/** What to remind a member of, given their residence report; null when there is nothing to do. */
export function reminderTopicFor(residence: ReportingState): ReminderTopic | null {
	const step = nextReportingStep(residence);
	if (step === 'resubmit-residence') return 'resubmit-residence';
	if (step === 'choose-residence' || step === 'report-residence') return 'report-residence';
	return null;
}

export function reminderFor(
	member: Member,
	topic: ReminderTopic,
	sender: string,
	now: Date
): Notice {
	const doc: Notice = {
		id: reminderId(member.id, topic, now),
		kind: 'reminder',
		memberId: member.id,
		branchId: member.branchId,
		sender,
		topic,
		createdAt: now.toISOString(),
		channels: []
	};
	return { ...doc, channels: notices.channelsOf(doc) };
}
