import type { BranchReport } from './branch-reports';
import type { Review } from './reviews';

export type BranchReportState = 'none' | 'waiting' | 'confirmed' | 'returned';

export type BranchReportStatus =
	| { state: 'none' }
	| { state: 'waiting' }
	| { state: 'confirmed'; review: Review }
	| { state: 'returned'; review: Review; reason: string };

/**
 * Derived, never stored: the community's decision on the report's current submission. A decision
 * on an earlier submission no longer counts once the secretary has sent it again; no report yet
 * is 'none'. The first decision stands when two staff devices decided offline.
 */
export function branchReportStatus(
	report: BranchReport | null,
	reviews: readonly Review[]
): BranchReportStatus {
	if (!report) return { state: 'none' };
	const decision = reviews
		.filter((r) => r.subjectId === report.id && r.subjectSubmission === report.submission)
		.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))[0];
	if (!decision) return { state: 'waiting' };
	return decision.decision === 'confirmed'
		? { state: 'confirmed', review: decision }
		: { state: 'returned', review: decision, reason: decision.reason ?? '' };
}
