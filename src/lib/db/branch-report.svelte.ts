import type { Community, Org, ReportsDoc, Review, ReviewsDoc } from '../domain/registry';
import {
	branchReportingCoverage,
	type BranchReportingCoverage
} from '../domain/reporting/branch-coverage';
import {
	branchReportReviewOf,
	branchReportToSubmit,
	type BranchReportProblem
} from '../domain/reporting/branch-report-drafts';
import {
	branchReportStatus,
	type BranchReportStatus
} from '../domain/reporting/branch-report-status';
import {
	branchReportId,
	isBranchReport,
	type BranchReport
} from '../domain/reporting/branch-reports';
import type { ReviewInput } from '../domain/reporting/report-drafts';
import { isReview } from '../domain/reporting/reviews';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgById, orgsWhere } from './directory';
import { writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDocsOfKind } from './plain-docs';
import type { WriteOutcome } from './write-outcome';

export type BranchReportOutcome =
	WriteOutcome | { kind: 'problems'; problems: BranchReportProblem[] };

const branchReportsOf = () => plainDocsOfKind<ReportsDoc, BranchReport>(isBranchReport);
const reviewsOf = () => plainDocsOfKind<ReviewsDoc, Review>(isReview);

/**
 * The secretary's branch, its report to the community it is linked to now, and where that
 * stands, live. Call during component initialisation.
 */
export function observeBranchReport(branchId: () => string) {
	const device = signedInDevice();
	const branch = observe(() => orgById(device.db, branchId()), null);
	const communityId = $derived(branch.current?.linkedCommunityId ?? null);
	const community = observe(
		() => (communityId ? communitiesWhere(device.db, { id: communityId }) : null),
		[]
	);
	const reportId = $derived(communityId ? branchReportId(branchId(), communityId) : null);
	const reports = observe(
		() =>
			reportId
				? device.db.reports.find({ selector: { id: reportId } }).$.pipe(branchReportsOf())
				: null,
		[]
	);
	const reviews = observe(
		() =>
			reportId
				? device.db.reviews.find({ selector: { subjectId: reportId } }).$.pipe(reviewsOf())
				: null,
		[]
	);
	const report = $derived(reports.current[0] ?? null);
	const status = $derived(branchReportStatus(report, reviews.current));
	return {
		get branch(): Org | null {
			return branch.current;
		},
		get community(): Community | null {
			return community.current[0] ?? null;
		},
		get report(): BranchReport | null {
			return report;
		},
		get reviews(): Review[] {
			return reviews.current;
		},
		get status(): BranchReportStatus {
			return status;
		}
	};
}

/** The secretary's sending of the branch report. Call during component initialisation. */
export function branchReportActions() {
	const device = signedInDevice();
	return {
		submitBranchReport: async (input: {
			branch: Org;
			existing: BranchReport | null;
			reviews: readonly Review[];
			note: string;
		}): Promise<BranchReportOutcome> => {
			const memberId = device.actor.memberId;
			const secretary = memberId
				? (await device.db.members.findOne(memberId).exec())?.toMutableJSON()
				: null;
			const draft = branchReportToSubmit({
				...input,
				secretary: secretary ?? { id: memberId ?? '', name: device.session.user.displayName },
				now: currentTime()
			});
			if (!draft.ok) return { kind: 'problems', problems: draft.problems };
			return device.write((db, actor) =>
				writeChecked(db, 'reports', actor, draft.report, input.branch)
			);
		}
	};
}

export interface BranchReportEntry {
	report: BranchReport;
	status: BranchReportStatus;
	branchName: string;
}

/**
 * The branch reports sent to one community, with their status: what its staff still have to
 * decide and what they decided, live. Call during component initialisation.
 */
export function observeCommunityBranchReports(communityId: () => string) {
	const device = signedInDevice();
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { communityId: communityId(), kind: 'branch-report' } })
				.$.pipe(branchReportsOf()),
		[]
	);
	const reviews = observe(
		() => device.db.reviews.find({ selector: { communityId: communityId() } }).$.pipe(reviewsOf()),
		[]
	);
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch' }), []);
	const entries = $derived(
		reports.current.map((report): BranchReportEntry => ({
			report,
			status: branchReportStatus(
				report,
				reviews.current.filter((review) => review.subjectId === report.id)
			),
			branchName: branches.current.find((b) => b.id === report.branchId)?.name ?? report.branchId
		}))
	);
	return {
		get waiting(): BranchReportEntry[] {
			return entries.filter((entry) => entry.status.state === 'waiting');
		},
		get decided(): BranchReportEntry[] {
			return entries.filter((entry) => entry.status.state !== 'waiting');
		}
	};
}

/** The community staff's decision on a branch report. Call during component initialisation. */
export function branchReportReviewActions() {
	const device = signedInDevice();
	return {
		decideBranchReport: (report: BranchReport, input: ReviewInput): Promise<WriteOutcome> =>
			device.write((db, actor) =>
				writeChecked(
					db,
					'reviews',
					actor,
					branchReportReviewOf(report, actor.username, input, currentTime()),
					report
				)
			)
	};
}

/**
 * Branch reporting coverage of one bureau, from the branch reports and decisions its office
 * holds (they travel in `bureau:` channels), live. Call during component initialisation.
 */
export function observeBranchReporting(orgId: () => string) {
	const device = signedInDevice();
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch', parentId: orgId() }), []);
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { orgId: orgId(), kind: 'branch-report' } })
				.$.pipe(branchReportsOf()),
		[]
	);
	const reviews = observe(
		() => device.db.reviews.find({ selector: { orgId: orgId() } }).$.pipe(reviewsOf()),
		[]
	);
	const communities = observe(() => communitiesWhere(device.db, { kind: 'community' }), []);
	const coverage = $derived(
		branchReportingCoverage(orgId(), branches.current, reports.current, reviews.current)
	);
	return {
		get coverage(): BranchReportingCoverage {
			return coverage;
		},
		communityName(communityId: string): string {
			return communities.current.find((c) => c.id === communityId)?.name ?? communityId;
		}
	};
}
