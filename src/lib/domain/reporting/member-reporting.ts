import type { Member, Report, ReportKind, Review } from '../registry';
import { reportStatus } from './report-status';

/** Where a member stands with one kind of report (R10): to their residence or unit-linked community. */
export type ReportingState =
	| { state: 'no-community' }
	| { state: 'not-reported'; communityId: string }
	| { state: 'waiting'; communityId: string; report: Report }
	| { state: 'confirmed'; communityId: string; report: Report; review: Review }
	| { state: 'returned'; communityId: string; report: Report; review: Review };

export interface MemberReporting {
	residence: ReportingState;
	unit: ReportingState;
}

/** A member's reports and the reviews of them, found by id so a bureau-wide list stays linear. */
export class ReportIndex {
	private readonly reportsByMember = new Map<string, Report[]>();
	private readonly reviewsBySubject = new Map<string, Review[]>();

	constructor(reports: readonly Report[], reviews: readonly Review[]) {
		for (const report of reports) {
			const list = this.reportsByMember.get(report.memberId) ?? [];
			list.push(report);
			this.reportsByMember.set(report.memberId, list);
		}
		for (const review of reviews) {
			const list = this.reviewsBySubject.get(review.subjectId) ?? [];
			list.push(review);
			this.reviewsBySubject.set(review.subjectId, list);
		}
	}

	/** The state of the member's report of `kind` to `communityId` (their current community). */
	stateOf(memberId: string, kind: ReportKind, communityId: string | undefined): ReportingState {
		if (!communityId) return { state: 'no-community' };
		const report = this.reportsByMember
			.get(memberId)
			?.find((r) => r.kind === kind && r.communityId === communityId);
		if (!report) return { state: 'not-reported', communityId };
		const status = reportStatus(report, this.reviewsBySubject.get(report.id) ?? []);
		return status.state === 'waiting'
			? { state: 'waiting', communityId, report }
			: { ...status, communityId, report };
	}

	/**
	 * Both reports of a member. A report to a community the member no longer lives in (or that is
	 * no longer their branch's) does not count: they must report to the current one.
	 */
	reportingOf(member: Member, linkedCommunityId: string | undefined): MemberReporting {
		return {
			residence: this.stateOf(member.id, 'residence', member.residenceCommunityId),
			unit: this.stateOf(member.id, 'unit', linkedCommunityId)
		};
	}
}

/**
 * Whether the member may send this report now: a first one, or again once it was returned. A
 * residence report may also go to a community the member picks when they have given none yet.
 */
export function maySubmitReport(kind: ReportKind, reporting: ReportingState): boolean {
	return (
		reporting.state === 'not-reported' ||
		reporting.state === 'returned' ||
		(kind === 'residence' && reporting.state === 'no-community')
	);
}

/**
 * Where the report goes: a residence report to the community the member picks (`chosen`; reporting
 * there means they live there now), a unit report only to their branch's linked community.
 */
export function reportTarget(
	kind: ReportKind,
	reporting: ReportingState,
	chosen: string | undefined
): string | undefined {
	const current = reporting.state === 'no-community' ? undefined : reporting.communityId;
	return kind === 'residence' ? (chosen ?? current) : current;
}

/** What the member should do next about reporting to their residence community. */
export type ReportingStep =
	'choose-residence' | 'report-residence' | 'resubmit-residence' | 'await-confirmation' | 'done';

export function nextReportingStep(residence: ReportingState): ReportingStep {
	switch (residence.state) {
		case 'no-community':
			return 'choose-residence';
		case 'not-reported':
			return 'report-residence';
		case 'returned':
			return 'resubmit-residence';
		case 'waiting':
			return 'await-confirmation';
		case 'confirmed':
			return 'done';
	}
}

/** Whether the branch should remind the member (R11): they have something to do, not to wait for. */
export function needsReminder(residence: ReportingState): boolean {
	const step = nextReportingStep(residence);
	return step !== 'await-confirmation' && step !== 'done';
}
