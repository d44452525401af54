import type { Community, Org, ReportsDoc, ReviewsDoc } from '../domain/registry';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import type { LedgerPair } from '../domain/ledger/ledger-pair';
import { ratingSummary, type RatingSummary } from '../domain/work-reports/rating-summary';
import { isRating, raterGroupOf, type Rating } from '../domain/work-reports/ratings';
import {
	draftWorkReport,
	type DraftStanding,
	type DraftWords
} from '../domain/work-reports/work-report-draft';
import {
	isWorkReport,
	workReportId,
	type SectionKey,
	type WorkReport,
	type WorkReportSection
} from '../domain/work-reports/work-report';
import { observeBranchReport } from './branch-report.svelte';
import { observeBranchStandings } from './branch-standings.svelte';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { orgsWhere } from './directory';
import { observeLedgerView } from './ledger.svelte';
import { observe } from './observe.svelte';
import { plainDocsOfKind } from './plain-docs';

/*
 * 述职评议 (R9) as its screens read it, live from the replica: the secretary's report with what
 * drafts it, the reports staff rate, and the office's summary across its branches. What people
 * change is in work-reports-actions.ts.
 */

const reportsOf = () => plainDocsOfKind<ReportsDoc, WorkReport>(isWorkReport);
const ratingsOf = () => plainDocsOfKind<ReviewsDoc, Rating>(isRating);

/**
 * The secretary's report of this year and everything its draft rests on: the branch, its linked
 * community, the branch report's state, the pair's ledger of the year and the members' standings;
 * with the ratings once submitted. Call during component initialisation.
 */
export function observeSecretaryWorkReport(branchId: () => string) {
	const device = signedInDevice();
	const year = shanghaiYear(currentTime());
	const branchReport = observeBranchReport(branchId);
	const pair = $derived.by((): LedgerPair | null => {
		const branch = branchReport.branch;
		return branch?.linkedCommunityId && branch.parentId
			? { branchId: branch.id, communityId: branch.linkedCommunityId, orgId: branch.parentId }
			: null;
	});
	const ledger = observeLedgerView(
		() => pair,
		() => year
	);
	const standings = observeBranchStandings(branchId);
	const reportId = $derived(workReportId(year, branchId()));
	const reports = observe(
		() => device.db.reports.find({ selector: { id: reportId } }).$.pipe(reportsOf()),
		null
	);
	const ratings = observe(
		() => device.db.reviews.find({ selector: { reportId } }).$.pipe(ratingsOf()),
		[]
	);
	const drafting = $derived(
		standings.all.map(({ standing }): DraftStanding => ({
			reported: standing.points.reported,
			residenceServices: standing.residenceServices,
			effective: standing.effective,
			grade: standing.grade.grade
		}))
	);
	const summary = $derived(ratingSummary(ratings.current));
	return {
		year,
		/** False until the replica has answered for the report. */
		get ready(): boolean {
			return reports.current !== null && branchReport.branch !== null;
		},
		get branch(): Org | null {
			return branchReport.branch;
		},
		get community(): Community | null {
			return branchReport.community;
		},
		get report(): WorkReport | null {
			return reports.current?.[0] ?? null;
		},
		get summary(): RatingSummary {
			return summary;
		},
		/** The sections as drafted from the data this device holds now. */
		draft(words: DraftWords): Record<SectionKey, WorkReportSection> {
			return draftWorkReport(
				{
					year,
					communityName: branchReport.community?.name ?? '',
					branchReport: branchReport.status.state,
					ledger: ledger.current,
					standings: drafting
				},
				words
			);
		}
	};
}

/** A submitted report a staff member rates, with their own rating and where the ratings stand. */
export interface RatableReport {
	report: WorkReport;
	branchName: string;
	raterGroup: 'street' | 'community';
	mine: Rating | null;
	summary: RatingSummary;
}

const byBranchName = (a: { branchName: string }, b: { branchName: string }) =>
	a.branchName.localeCompare(b.branchName, 'zh-CN');

/**
 * The submitted reports the signed-in street or community staff member may rate (those of their
 * street or community, as their channels bring them), live. Call during component init.
 */
export function observeRatableReports() {
	const device = signedInDevice();
	const reports = observe(
		() => device.db.reports.find({ selector: { kind: 'work-report' } }).$.pipe(reportsOf()),
		null
	);
	const ratings = observe(
		() => device.db.reviews.find({ selector: { kind: 'rating' } }).$.pipe(ratingsOf()),
		[]
	);
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch' }), []);
	const ratable = $derived.by(() => {
		return (reports.current ?? []).flatMap((report): RatableReport[] => {
			const raterGroup = raterGroupOf(device.actor, report);
			if (!report.submittedAt || !raterGroup) return [];
			const of = ratings.current.filter((rating) => rating.reportId === report.id);
			return [
				{
					report,
					branchName:
						branches.current.find((branch) => branch.id === report.branchId)?.name ??
						report.branchId,
					raterGroup,
					mine: of.find((rating) => rating.by === device.actor.username) ?? null,
					summary: ratingSummary(of)
				}
			];
		});
	});
	return {
		get ready(): boolean {
			return reports.current !== null;
		},
		get reports(): RatableReport[] {
			return [...ratable].sort(byBranchName);
		}
	};
}

/** One branch of the office's summary: its report of the year (if any) and its ratings. */
export interface BureauWorkReportRow {
	branch: Org;
	report: WorkReport | null;
	summary: RatingSummary;
}

/**
 * The office's summary across its bureau's branches for this year: each branch's report state,
 * counts per rater group and the satisfaction rate, from what its `bureau:` channel brings.
 */
export function observeBureauWorkReports(orgId: () => string) {
	const device = signedInDevice();
	const year = shanghaiYear(currentTime());
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch', parentId: orgId() }), null);
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { kind: 'work-report', orgId: orgId(), year } })
				.$.pipe(reportsOf()),
		[]
	);
	const ratings = observe(
		() =>
			device.db.reviews
				.find({ selector: { kind: 'rating', orgId: orgId(), year } })
				.$.pipe(ratingsOf()),
		[]
	);
	const rows = $derived(
		(branches.current ?? [])
			.map((branch): BureauWorkReportRow => ({
				branch,
				report: reports.current.find((report) => report.branchId === branch.id) ?? null,
				summary: ratingSummary(ratings.current.filter((rating) => rating.branchId === branch.id))
			}))
			.sort((a, b) => a.branch.name.localeCompare(b.branch.name, 'zh-CN'))
	);
	return {
		year,
		get ready(): boolean {
			return branches.current !== null;
		},
		get rows(): BureauWorkReportRow[] {
			return rows;
		}
	};
}
