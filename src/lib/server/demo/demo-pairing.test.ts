import { describe, expect, it } from 'vitest';
import { checkWrite } from '../../domain/access/write-policy';
import type { Actor } from '../../domain/access/roles';
import type { Org, Review } from '../../domain/registry';
import { branchReportingCoverage } from '../../domain/reporting/branch-coverage';
import type { BranchReport } from '../../domain/reporting/branch-reports';
import { buildDemoData, type DemoAccount } from './demo-data';

const now = new Date('2024-05-20T08:00:00.000Z');
const data = buildDemoData(now);
const orgs = data.docs.directory.filter(
	(d) => d['kind'] === 'bureau' || d['kind'] === 'branch'
) as unknown as Org[];
const branchReports = data.docs.reports.filter(
	(d) => d['kind'] === 'branch-report'
) as unknown as BranchReport[];
const decisions = data.docs.reviews.filter((d) =>
	String(d['subjectId']).startsWith('br.')
) as unknown as Review[];

/** The account's actor, as its session would give it. */
function actorOf(a: DemoAccount): Actor {
	return {
		username: a.username,
		...(a.memberId ? { memberId: a.memberId } : {}),
		...(a.branchId ? { branchId: a.branchId } : {}),
		...(a.orgId ? { orgId: a.orgId } : {}),
		roles: a.roles
	};
}

function account(match: (a: DemoAccount) => boolean): DemoAccount {
	const found = data.accounts.find(match);
	if (!found) throw new Error('no such account');
	return found;
}

describe('demo pairing', () => {
	it('records the link of every branch in its history, set by its bureau’s office', () => {
		for (const branch of orgs.filter((org) => org.kind === 'branch')) {
			expect(branch.linkHistory, branch.id).toEqual([
				{
					communityId: branch.linkedCommunityId,
					from: expect.any(String) as string,
					by: branch.parentId === 'org-zjj' ? 'office1' : 'office2'
				}
			]);
		}
	});

	it('leaves br1 to report in the demo; the other branches of org-zjj confirmed but one', () => {
		const coverage = branchReportingCoverage('org-zjj', orgs, branchReports, decisions);
		expect(coverage.branches).toBe(6);
		expect(coverage.reported).toBe(4);
		expect(coverage.missing.map((row) => [row.branch.id, row.status.state])).toEqual([
			['br1', 'none'],
			['br4', 'waiting']
		]);
	});

	it('has reports its secretaries and decisions its staff could have written', () => {
		for (const report of branchReports) {
			const secretary = account((a) => a.memberId === report.secretaryMemberId);
			const verdict = checkWrite({
				collection: 'reports',
				actor: actorOf(secretary),
				prev: null,
				next: report as never,
				deleting: false,
				subject: data.docs.directory.find((d) => d.id === report.branchId) ?? null,
				related: new Map([
					[
						`directory/${report.communityId}`,
						data.docs.directory.find((d) => d.id === report.communityId) ?? {}
					]
				])
			});
			expect(verdict, report.id).toEqual({ ok: true });
		}
		for (const review of decisions) {
			const staff = account((a) => a.username === review.reviewer);
			const verdict = checkWrite({
				collection: 'reviews',
				actor: actorOf(staff),
				prev: null,
				next: review as never,
				deleting: false,
				subject: data.docs.reports.find((r) => r.id === review.subjectId) ?? null
			});
			expect(verdict, review.id).toEqual({ ok: true });
		}
	});
});
