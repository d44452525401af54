import { describe, expect, it } from 'vitest';
import { plainContext } from '../../../test-data/policy-fixtures';
import { secretary, staff } from '../../../test-data/test-actors';
import { checkWrite } from '../access/write-policy';
import type { Org } from '../registry';
import { branchReportReviewOf, branchReportToSubmit } from './branch-report-drafts';
import type { BranchReport } from './branch-reports';

const branch: Org = {
	id: 'br1',
	kind: 'branch',
	name: '第一党支部',
	parentId: 'org-a',
	linkedCommunityId: 'cm2',
	secretaryMemberId: 'm121',
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};
const now = new Date('2026-05-01T09:00:00.000Z');
const related = new Map([['directory/cm2', { id: 'cm2', kind: 'community' }]]);

function submit(
	existing: BranchReport | null,
	reviews = [] as Parameters<typeof branchReportToSubmit>[0]['reviews'],
	note = ''
) {
	return branchReportToSubmit({
		branch,
		secretary: { id: 'm121', name: '王书记' },
		existing,
		reviews,
		note,
		now
	});
}

function first(): BranchReport {
	const result = submit(null, [], ' 支部党员21名 ');
	if (!result.ok) throw new Error(result.problems.join());
	return result.report;
}

describe('branchReportToSubmit', () => {
	it('makes the first report the gateway accepts', () => {
		const report = first();
		expect(report).toMatchObject({
			id: 'br.br1.cm2',
			communityId: 'cm2',
			orgId: 'org-a',
			submission: 1,
			note: '支部党员21名',
			channels: ['branch:br1', 'bureau:org-a', 'community:cm2']
		});
		expect(
			checkWrite({
				collection: 'reports',
				actor: secretary,
				prev: null,
				next: report as never,
				deleting: false,
				subject: branch as never,
				related,
				now
			})
		).toEqual({ ok: true });
	});

	it('sends a returned report again as the next submission', () => {
		const report = first();
		const returned = branchReportReviewOf(
			report,
			'community2',
			{ decision: 'returned', reason: '请补充' },
			now
		);
		const again = submit(report, [returned]);
		expect(again).toMatchObject({ ok: true, report: { submission: 2 } });
		expect(again.ok && 'note' in again.report).toBe(false);
	});

	it('does not send one that waits or was confirmed', () => {
		const report = first();
		expect(submit(report)).toEqual({ ok: false, problems: ['waiting'] });
		const confirmed = branchReportReviewOf(report, 'community2', { decision: 'confirmed' }, now);
		expect(submit(report, [confirmed])).toEqual({ ok: false, problems: ['confirmed'] });
	});

	it('needs a linked community and a note within 500 characters', () => {
		const unlinked = branchReportToSubmit({
			branch: { ...branch, linkedCommunityId: undefined },
			secretary: { id: 'm121', name: '王书记' },
			existing: null,
			reviews: [],
			note: '字'.repeat(501),
			now
		});
		expect(unlinked).toEqual({ ok: false, problems: ['no-link', 'note-too-long'] });
	});
});

describe('branchReportReviewOf', () => {
	it('makes a decision the community’s staff may write, travelling with the report', () => {
		const report = first();
		const review = branchReportReviewOf(
			report,
			'community2',
			{ decision: 'returned', reason: ' 请补充 ' },
			now
		);
		expect(review).toMatchObject({
			id: 'br.br1.cm2.r1',
			memberId: 'm121',
			reason: '请补充',
			channels: ['branch:br1', 'bureau:org-a', 'community:cm2']
		});
		expect(
			checkWrite({
				collection: 'reviews',
				actor: staff,
				prev: null,
				next: review as never,
				deleting: false,
				subject: report as never,
				now: plainContext.now
			})
		).toEqual({ ok: true });
	});
});
