import type { Member, Org } from '../registry';
import { branchReportId, branchReports, type BranchReport } from './branch-reports';
import { branchReportStatus } from './branch-report-status';
import type { ReviewInput } from './report-drafts';
import { reviewId, reviews, type Review } from './reviews';

/** Why a branch report cannot be sent now; each has a message `pairing.problem.<problem>`. */
export type BranchReportProblem = 'no-link' | 'waiting' | 'confirmed' | 'note-too-long';

export const BRANCH_REPORT_NOTE_MAX = 500;

/**
 * The secretary's report of the branch to its current linked community: the first, or the next
 * submission after the community returned it. One already waiting or confirmed is not sent again.
 */
export function branchReportToSubmit(input: {
	branch: Org;
	secretary: Pick<Member, 'id' | 'name'>;
	/** The stored report to the branch's linked community, if any. */
	existing: BranchReport | null;
	reviews: readonly Review[];
	note: string;
	now: Date;
}): { ok: true; report: BranchReport } | { ok: false; problems: BranchReportProblem[] } {
	const { branch, secretary, existing, now } = input;
	const note = input.note.trim();
	const communityId = branch.linkedCommunityId;
	const problems: BranchReportProblem[] = [];
	if (!communityId || !branch.parentId) problems.push('no-link');
	const state = branchReportStatus(existing, input.reviews).state;
	if (state === 'waiting' || state === 'confirmed') problems.push(state);
	if (note.length > BRANCH_REPORT_NOTE_MAX) problems.push('note-too-long');
	if (!communityId || !branch.parentId || problems.length > 0) return { ok: false, problems };
	const at = now.toISOString();
	const doc: BranchReport = {
		id: branchReportId(branch.id, communityId),
		kind: 'branch-report',
		branchId: branch.id,
		communityId,
		orgId: branch.parentId,
		submission: existing ? existing.submission + 1 : 1,
		submittedAt: at,
		secretaryMemberId: secretary.id,
		// The schema keeps names to 40 characters; registered names are shorter.
		secretaryName: secretary.name.slice(0, 40),
		...(note ? { note } : {}),
		updatedAt: at,
		channels: []
	};
	return { ok: true, report: { ...doc, channels: branchReports.channelsOf(doc) } };
}

/** The community staff's decision on a branch report's current submission. */
export function branchReportReviewOf(
	report: BranchReport,
	reviewer: string,
	input: ReviewInput,
	now: Date
): Review {
	const doc: Review = {
		id: reviewId(report.id, report.submission),
		subjectCollection: 'reports',
		subjectId: report.id,
		subjectSubmission: report.submission,
		memberId: report.secretaryMemberId,
		branchId: report.branchId,
		orgId: report.orgId,
		communityId: report.communityId,
		reviewer,
		decision: input.decision,
		...(input.decision === 'returned' ? { reason: input.reason.trim() } : {}),
		decidedAt: now.toISOString(),
		channels: []
	};
	return { ...doc, channels: reviews.channelsOf(doc) };
}
