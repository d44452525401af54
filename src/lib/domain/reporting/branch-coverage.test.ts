import { describe, expect, it } from 'vitest';
import type { Org } from '../registry';
import { branchReportingCoverage } from './branch-coverage';
import { branchReportReviewOf } from './branch-report-drafts';
import { branchReportId, type BranchReport } from './branch-reports';

const at = new Date('2026-05-02T00:00:00.000Z');

function branch(id: string, name: string, linkedCommunityId?: string, parentId = 'org-a'): Org {
	return {
		id,
		kind: 'branch',
		name,
		parentId,
		...(linkedCommunityId ? { linkedCommunityId } : {}),
		updatedAt: '2026-01-01T00:00:00.000Z',
		channels: ['public']
	};
}

function report(branchId: string, communityId: string, submission = 1): BranchReport {
	return {
		id: branchReportId(branchId, communityId),
		kind: 'branch-report',
		branchId,
		communityId,
		orgId: 'org-a',
		submission,
		submittedAt: '2026-05-01T09:00:00.000Z',
		secretaryMemberId: 'm121',
		secretaryName: '王书记',
		updatedAt: '2026-05-01T09:00:00.000Z',
		channels: []
	};
}

const orgs: Org[] = [
	{
		id: 'org-a',
		kind: 'bureau',
		name: '住建局',
		updatedAt: at.toISOString(),
		channels: ['public']
	},
	branch('br1', '第一党支部', 'cm1'),
	branch('br2', '第二党支部', 'cm2'),
	branch('br3', '第三党支部', 'cm3'),
	branch('br4', '第四党支部'),
	branch('br5', '第五党支部', 'cm5'),
	branch('br9', '他局支部', 'cm1', 'org-b')
];

describe('branchReportingCoverage', () => {
	it('counts branches confirmed by their current linked community against all of the bureau’s', () => {
		const confirmed = report('br1', 'cm1');
		const returned = report('br2', 'cm2');
		// br3 reported to the community it was linked to before: that no longer counts.
		const stale = report('br3', 'cm9');
		const waiting = report('br5', 'cm5');
		const reviews = [
			branchReportReviewOf(confirmed, 'community1', { decision: 'confirmed' }, at),
			branchReportReviewOf(returned, 'community2', { decision: 'returned', reason: '请补充' }, at),
			branchReportReviewOf(stale, 'community9', { decision: 'confirmed' }, at)
		];
		const coverage = branchReportingCoverage(
			'org-a',
			orgs,
			[confirmed, returned, stale, waiting],
			reviews
		);
		expect(coverage).toMatchObject({
			branches: 5,
			reported: 1,
			waiting: 1,
			returned: 1,
			rate: 0.2
		});
		expect(coverage.rows.map((row) => [row.branch.id, row.status.state])).toEqual([
			['br1', 'confirmed'],
			['br2', 'returned'],
			['br3', 'none'],
			['br4', 'none'],
			['br5', 'waiting']
		]);
		expect(coverage.missing.map((row) => row.branch.id)).toEqual(['br2', 'br3', 'br4', 'br5']);
		expect(coverage.rows.find((row) => row.branch.id === 'br4')?.communityId).toBeNull();
	});

	it('reaches the target when every branch is confirmed; no branches is no rate', () => {
		const mine = orgs.filter((org) => org.id === 'br1');
		const confirmed = report('br1', 'cm1');
		const review = branchReportReviewOf(confirmed, 'community1', { decision: 'confirmed' }, at);
		expect(branchReportingCoverage('org-a', mine, [confirmed], [review])).toMatchObject({
			rate: 1,
			missing: []
		});
		expect(branchReportingCoverage('org-c', orgs, [], [])).toMatchObject({
			branches: 0,
			rate: null
		});
	});
});
