import { describe, expect, it } from 'vitest';
import { branchReportStatus } from './branch-report-status';
import { branchReportReviewOf } from './branch-report-drafts';
import { branchReportId, type BranchReport } from './branch-reports';

const report: BranchReport = {
	id: branchReportId('br1', 'cm2'),
	kind: 'branch-report',
	branchId: 'br1',
	communityId: 'cm2',
	orgId: 'org-a',
	submission: 1,
	submittedAt: '2026-05-01T09:00:00.000Z',
	secretaryMemberId: 'm121',
	secretaryName: '王书记',
	updatedAt: '2026-05-01T09:00:00.000Z',
	channels: ['branch:br1', 'bureau:org-a', 'community:cm2']
};
const at = (iso: string) => new Date(iso);

describe('branchReportStatus', () => {
	it('is none without a report and waiting until the community decides', () => {
		expect(branchReportStatus(null, [])).toEqual({ state: 'none' });
		expect(branchReportStatus(report, [])).toEqual({ state: 'waiting' });
	});

	it('is the decision on the current submission, with the reason of a return', () => {
		const confirmed = branchReportReviewOf(
			report,
			'community2',
			{ decision: 'confirmed' },
			at('2026-05-02T00:00:00Z')
		);
		expect(branchReportStatus(report, [confirmed])).toEqual({
			state: 'confirmed',
			review: confirmed
		});
		const returned = branchReportReviewOf(
			report,
			'community2',
			{ decision: 'returned', reason: ' 请写明支部党员人数 ' },
			at('2026-05-02T00:00:00Z')
		);
		expect(branchReportStatus(report, [returned])).toEqual({
			state: 'returned',
			review: returned,
			reason: '请写明支部党员人数'
		});
	});

	it('waits again once resubmitted: the return of the earlier submission no longer counts', () => {
		const returned = branchReportReviewOf(
			report,
			'community2',
			{ decision: 'returned', reason: '请补充' },
			at('2026-05-02T00:00:00Z')
		);
		expect(branchReportStatus({ ...report, submission: 2 }, [returned])).toEqual({
			state: 'waiting'
		});
	});

	it('keeps the first decision when two staff devices decided offline', () => {
		const later = branchReportReviewOf(
			report,
			'community2',
			{ decision: 'returned', reason: '晚' },
			at('2026-05-03T00:00:00Z')
		);
		const first = branchReportReviewOf(
			report,
			'community2b',
			{ decision: 'confirmed' },
			at('2026-05-02T00:00:00Z')
		);
		expect(branchReportStatus(report, [later, first]).state).toBe('confirmed');
	});

	it('ignores decisions on other reports', () => {
		const other = branchReportReviewOf(
			{ ...report, id: branchReportId('br2', 'cm2'), branchId: 'br2' },
			'community2',
			{ decision: 'confirmed' },
			at('2026-05-02T00:00:00Z')
		);
		expect(branchReportStatus(report, [other])).toEqual({ state: 'waiting' });
	});
});
