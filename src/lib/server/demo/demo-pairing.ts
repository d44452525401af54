import type { LinkChange } from '../../domain/directory/orgs';
import {
	branchReportReviewOf,
	branchReportToSubmit
} from '../../domain/reporting/branch-report-drafts';
import type { BranchReport } from '../../domain/reporting/branch-reports';
import type { AnyDoc, Org, Review } from '../../domain/registry';

/*
 * Demo of issue 18's pairing (R1): every branch's link has its entry in the history, set by its
 * bureau's office; the first bureau's branches have reported to their communities — confirmed,
 * but for one still waiting — except br1, whose secretary (secretary1) reports in the demo.
 */

const DAY = 24 * 60 * 60_000;

/** The one entry of a branch linked once: by its bureau's office, when the directory was set up. */
export function demoLinkHistory(communityId: string, office: string, at: string): LinkChange[] {
	return [{ communityId, from: at, by: office }];
}

/** A branch of the demo with its secretary and the staff account of its linked community. */
export interface DemoPairing {
	branchId: string;
	communityId: string;
	orgId: string;
	secretary: { memberId: string; name: string };
	staff: string;
}

/** The branch that has not reported yet: secretary1's, so the demo shows the report being made. */
const NOT_REPORTED = 'br1';
/** The branch whose report waits for its community. */
const WAITING = 'br4';

export function demoBranchReports(
	pairings: readonly DemoPairing[],
	orgs: readonly AnyDoc[],
	orgId: string,
	now: Date
): { reports: AnyDoc[]; reviews: AnyDoc[] } {
	const reports: BranchReport[] = [];
	const reviews: Review[] = [];
	pairings
		.filter((pairing) => pairing.orgId === orgId && pairing.branchId !== NOT_REPORTED)
		.forEach((pairing, i) => {
			const found = orgs.find((doc) => doc.id === pairing.branchId);
			if (!found || found['kind'] !== 'branch') return;
			const branch = found as unknown as Org;
			const sentAt = new Date(now.getTime() - (40 - i * 3) * DAY);
			const draft = branchReportToSubmit({
				branch,
				secretary: { id: pairing.secretary.memberId, name: pairing.secretary.name },
				existing: null,
				reviews: [],
				note: '',
				now: sentAt
			});
			if (!draft.ok) return;
			reports.push(draft.report);
			if (pairing.branchId === WAITING) return;
			const decidedAt = new Date(sentAt.getTime() + 2 * DAY);
			reviews.push(
				branchReportReviewOf(draft.report, pairing.staff, { decision: 'confirmed' }, decidedAt)
			);
		});
	return {
		reports: reports as unknown as AnyDoc[],
		reviews: reviews as unknown as AnyDoc[]
	};
}
