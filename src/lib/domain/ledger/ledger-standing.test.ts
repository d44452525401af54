import { describe, expect, it } from 'vitest';
import { agreement, BR1, FILE, item, LEDGER_NOW, seat } from '../../../test-data/ledger-fixtures';
import type { Org } from '../directory/orgs';
import { branchReportId, type BranchReport } from '../reporting/branch-reports';
import { reviewId, type Review } from '../reporting/reviews';
import { branchLedgerStandings, ledgerCoverage, type LedgerStandingInput } from './ledger-standing';

const at = LEDGER_NOW.toISOString();
const BR2: Org = { ...BR1, id: 'br2', name: '第二党支部', linkedCommunityId: 'cm3' };
const BR3: Org = { ...BR1, id: 'br3', name: '第三党支部', linkedCommunityId: undefined };
const ELSEWHERE: Org = { ...BR1, id: 'br9', parentId: 'org-b' };

function report(branchId: string, communityId: string): BranchReport {
	return {
		id: branchReportId(branchId, communityId),
		kind: 'branch-report',
		branchId,
		communityId,
		orgId: 'org-a',
		submission: 1,
		submittedAt: at,
		secretaryMemberId: 'm121',
		secretaryName: '王芳',
		updatedAt: at,
		channels: []
	};
}

function confirmed(subject: BranchReport): Review {
	return {
		id: reviewId(subject.id, 1),
		subjectCollection: 'reports',
		subjectId: subject.id,
		subjectSubmission: 1,
		memberId: 'm121',
		branchId: subject.branchId,
		orgId: 'org-a',
		communityId: subject.communityId,
		reviewer: 'community2',
		decision: 'confirmed',
		decidedAt: at,
		channels: []
	};
}

const deed = (suffix: string, branchId = 'br1') =>
	item({
		id: `li.${branchId}.2026.${suffix}`,
		branchId,
		goodDeed: true,
		state: 'done',
		doneOn: '2026-05-01'
	});

function input(overrides: Partial<LedgerStandingInput> = {}): LedgerStandingInput {
	const br1Report = report('br1', 'cm2');
	return {
		orgId: 'org-a',
		orgs: [BR1, BR2, BR3, ELSEWHERE],
		ledgerDocs: [
			agreement({ signedOn: '2026-01-02', file: FILE }),
			seat(),
			deed('a'),
			deed('b'),
			deed('c'),
			// br2's agreement and seat with a community it is no longer linked to.
			agreement({ branchId: 'br2', signedOn: '2026-01-02', file: FILE }),
			seat({ id: 'seat.br2.cm2', branchId: 'br2' }),
			deed('d', 'br2')
		],
		branchReports: [br1Report, report('br2', 'cm3')],
		reviews: [confirmed(br1Report)],
		year: 2026,
		now: LEDGER_NOW,
		...overrides
	};
}

describe('branch ledger standings', () => {
	it("shows each branch of the bureau with its current pair's report, agreement, seat and good deeds", () => {
		expect(branchLedgerStandings(input())).toEqual([
			{
				branchId: 'br1',
				linkedCommunityId: 'cm2',
				report: 'confirmed',
				agreement: 'signed',
				seatRecorded: true,
				goodDeedsDelivered: 3,
				goodDeedsBehind: false
			},
			{
				branchId: 'br2',
				linkedCommunityId: 'cm3',
				report: 'waiting',
				agreement: 'none',
				seatRecorded: false,
				goodDeedsDelivered: 1,
				goodDeedsBehind: true
			},
			{
				branchId: 'br3',
				linkedCommunityId: null,
				report: 'none',
				agreement: 'none',
				seatRecorded: false,
				goodDeedsDelivered: 0,
				goodDeedsBehind: true
			}
		]);
	});

	it('shows the latest agreement with its state, and another year counts no deeds', () => {
		const renewed = input({
			ledgerDocs: [
				agreement({
					signedOn: '2024-01-02',
					file: FILE,
					startsOn: '2024-01-01',
					endsOn: '2025-12-31'
				}),
				agreement({ startsOn: '2026-06-01', endsOn: '2026-06-20' })
			],
			year: 2025
		});
		expect(branchLedgerStandings(renewed)[0]).toMatchObject({
			agreement: 'draft',
			goodDeedsDelivered: 0
		});
	});

	it("counts the bureau's branches reported, confirmed only", () => {
		expect(ledgerCoverage(branchLedgerStandings(input()))).toEqual({
			reported: 1,
			branches: 3,
			rate: 1 / 3
		});
		expect(ledgerCoverage([])).toEqual({ reported: 0, branches: 0, rate: null });
	});
});
