import type { Report, Review } from '../registry';

export type ReportStatus =
	| { state: 'waiting' }
	| { state: 'confirmed'; review: Review }
	| { state: 'returned'; review: Review };

/**
 * Status is derived, never stored: the decision on the report's current submission, if any.
 * A decision on an older submission no longer counts once the member has resubmitted.
 */
export function reportStatus(report: Report, reviews: readonly Review[]): ReportStatus {
	const decision = reviews
		.filter((r) => r.subjectId === report.id && r.subjectSubmission === report.submission)
		.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))[0];
	if (!decision) return { state: 'waiting' };
	return decision.decision === 'confirmed'
		? { state: 'confirmed', review: decision }
		: { state: 'returned', review: decision };
}

/** Every report with its status; the reviews are grouped once, so long lists stay linear. */
export function withStatuses(
	reports: readonly Report[],
	reviews: readonly Review[]
): { report: Report; status: ReportStatus }[] {
	const bySubject = new Map<string, Review[]>();
	for (const review of reviews) {
		bySubject.set(review.subjectId, [...(bySubject.get(review.subjectId) ?? []), review]);
	}
	return reports.map((report) => ({
		report,
		status: reportStatus(report, bySubject.get(report.id) ?? [])
	}));
}
