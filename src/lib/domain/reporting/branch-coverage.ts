import type { Org } from '../registry';
import { branchReportId, type BranchReport } from './branch-reports';
import { branchReportStatus, type BranchReportStatus } from './branch-report-status';
import { rate } from './coverage';
import type { Review } from './reviews';

/** The bureau's target for branch reporting (R1): every branch reported to its linked community. */
export const BRANCH_REPORTING_TARGET = 1;

export interface BranchReporting {
	branch: Org;
	/** The branch's current linked community; a branch without one cannot report. */
	communityId: string | null;
	report: BranchReport | null;
	status: BranchReportStatus;
}

export interface BranchReportingCoverage {
	branches: number;
	/** Confirmed by the current linked community: only these count as reported. */
	reported: number;
	waiting: number;
	returned: number;
	/** `reported / branches`; null for a bureau without branches. */
	rate: number | null;
	rows: BranchReporting[];
	/** Branches not confirmed yet (no report, waiting, returned, no link), for the office to chase. */
	missing: BranchReporting[];
}

/**
 * Branch reporting coverage of one bureau, from the branch reports and reviews its office holds
 * (they travel in `bureau:` channels). A report to a community the branch is no longer linked to
 * does not count: after a change of link the branch reports again. Rows keep the order of `orgs`.
 */
export function branchReportingCoverage(
	orgId: string,
	orgs: readonly Org[],
	reports: readonly BranchReport[],
	reviews: readonly Review[]
): BranchReportingCoverage {
	const byId = new Map(reports.map((report) => [report.id, report]));
	const reviewsOf = new Map<string, Review[]>();
	for (const review of reviews) {
		reviewsOf.set(review.subjectId, [...(reviewsOf.get(review.subjectId) ?? []), review]);
	}
	const rows = orgs
		.filter((org) => org.kind === 'branch' && org.parentId === orgId)
		.map((branch): BranchReporting => {
			const communityId = branch.linkedCommunityId ?? null;
			const report = communityId
				? (byId.get(branchReportId(branch.id, communityId)) ?? null)
				: null;
			const status = branchReportStatus(report, report ? (reviewsOf.get(report.id) ?? []) : []);
			return { branch, communityId, report, status };
		});
	const count = (state: BranchReportStatus['state']) =>
		rows.filter((row) => row.status.state === state).length;
	const reported = count('confirmed');
	return {
		branches: rows.length,
		reported,
		waiting: count('waiting'),
		returned: count('returned'),
		rate: rate(reported, rows.length),
		rows,
		missing: rows.filter((row) => row.status.state !== 'confirmed')
	};
}
