import type { Org } from '../directory/orgs';
import type { BranchReport } from '../reporting/branch-reports';
import type { BranchReportState } from '../reporting/branch-report-status';
import { branchReportingCoverage } from '../reporting/branch-coverage';
import { rate } from '../reporting/coverage';
import type { Review } from '../reporting/reviews';
import { agreementState, currentAgreement } from './agreement-state';
import type { AgreementState } from './agreements';
import { goodDeedTally } from './good-deeds';
import { isAgreement, isCommitteeSeat, isListItem, type LedgerDoc } from './ledger-docs';

/** Where one branch of a bureau stands with its linked community, for the office's overview. */
export interface BranchLedgerStanding {
	branchId: string;
	linkedCommunityId: string | null;
	/** The branch report to the current linked community (R1). */
	report: BranchReportState;
	/** The current agreement with the current linked community (R3). */
	agreement: AgreementState | 'none';
	/** The secretary's seat on that community's committee is recorded (R6). */
	seatRecorded: boolean;
	/** Good deeds done this year, by the branch for whichever community (R5). */
	goodDeedsDelivered: number;
	goodDeedsBehind: boolean;
}

/** The bureau's branch reporting coverage: confirmed reports of its branches. */
export interface LedgerCoverage {
	reported: number;
	branches: number;
	/** `reported / branches`; null for a bureau without branches. */
	rate: number | null;
}

export interface LedgerStandingInput {
	orgId: string;
	/** The directory's organisations (the bureau's branches among them). */
	orgs: readonly Org[];
	/** The ledger documents the office holds (bureau: channels). */
	ledgerDocs: readonly LedgerDoc[];
	branchReports: readonly BranchReport[];
	/** Reviews of branch reports (others are ignored). */
	reviews: readonly Review[];
	year: number;
	now: Date;
}

/**
 * Each branch of the bureau, in the directory's order. The agreement and the seat count only
 * with the community the branch is linked to now: after a relink the branch agrees anew.
 */
export function branchLedgerStandings(input: LedgerStandingInput): BranchLedgerStanding[] {
	const coverage = branchReportingCoverage(
		input.orgId,
		input.orgs,
		input.branchReports,
		input.reviews
	);
	const agreements = input.ledgerDocs.filter(isAgreement);
	const seats = input.ledgerDocs.filter(isCommitteeSeat);
	const items = input.ledgerDocs.filter(isListItem);
	return coverage.rows.map(({ branch, communityId, status }) => {
		const agreement = communityId ? currentAgreement(agreements, branch.id, communityId) : null;
		const deeds = goodDeedTally(items, branch.id, input.year);
		return {
			branchId: branch.id,
			linkedCommunityId: communityId,
			report: status.state,
			agreement: agreement ? agreementState(agreement, input.now) : 'none',
			seatRecorded: seats.some((s) => s.branchId === branch.id && s.communityId === communityId),
			goodDeedsDelivered: deeds.delivered,
			goodDeedsBehind: deeds.behind
		};
	});
}

/** The bureau's counts: branches reported (confirmed), of how many. */
export function ledgerCoverage(standings: readonly BranchLedgerStanding[]): LedgerCoverage {
	const reported = standings.filter((s) => s.report === 'confirmed').length;
	const branches = standings.length;
	return { reported, branches, rate: rate(reported, branches) };
}
