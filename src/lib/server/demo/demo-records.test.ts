import { describe, expect, it } from 'vitest';
import { checkWrite, relatedKey } from '../../domain/access/write-policy';
import type { Actor } from '../../domain/access/roles';
import { shanghaiYear } from '../../domain/calendar/shanghai-calendar';
import { standingOf } from '../../domain/points/member-standing';
import { isApproval } from '../../domain/records/approvals';
import { recordViews } from '../../domain/records/record-status';
import { isServiceRecord, type ServiceRecord } from '../../domain/records/service-record';
import { isReview } from '../../domain/reporting/reviews';
import { kindOf, type Member } from '../../domain/registry';
import { buildDemoData, type DemoAccount } from './demo-data';

const now = new Date('2024-05-20T08:00:00.000Z');
const data = buildDemoData(now);
const year = shanghaiYear(now);

const reportDocs = data.docs.reports as unknown as object[];
const reviewDocs = data.docs.reviews as unknown as object[];
const records = reportDocs.filter(isServiceRecord);
const approvals = reviewDocs.filter(isApproval);
const recordReviews = reviewDocs
	.filter(isReview)
	.filter((review) => review.subjectId.startsWith('sr.'));
const docs = { records, corrections: [], reviews: recordReviews, approvals };
const views = recordViews(docs);

function actorOf(username: string): Actor {
	const a = data.accounts.find((x) => x.username === username) as DemoAccount;
	return {
		username: a.username,
		...(a.memberId ? { memberId: a.memberId } : {}),
		...(a.branchId ? { branchId: a.branchId } : {}),
		...(a.orgId ? { orgId: a.orgId } : {}),
		roles: a.roles
	};
}

/** What the gateway loads for a record's policy: the community (and an activity cited). */
function relatedOf(record: ServiceRecord) {
	const related = new Map<string, Record<string, unknown>>();
	for (const ref of kindOf('reports', record)?.relatedOf?.(record as never) ?? []) {
		const found = data.docs.directory.find((d) => d.id === ref.id);
		if (found) related.set(relatedKey(ref), found);
	}
	return related;
}

const subjectOf = (decision: { subjectId: string }) =>
	records.find((r) => r.id === decision.subjectId) ?? null;

describe('demo service records', () => {
	it('are own records their members could have written, decided by those who may', () => {
		expect(records.length).toBeGreaterThan(20);
		for (const record of records) {
			expect(record.origin).toBe('own');
			const verdict = checkWrite({
				collection: 'reports',
				actor: actorOf(`member${Number(record.memberId.slice(1))}`),
				prev: null,
				next: record as never,
				deleting: false,
				subject: null,
				related: relatedOf(record),
				now
			});
			expect(verdict, record.id).toEqual({ ok: true });
		}
		const decisions = [
			...recordReviews.map((doc) => ({ doc, by: doc.reviewer })),
			...approvals.map((doc) => ({ doc, by: doc.approver }))
		];
		for (const { doc, by } of decisions) {
			const verdict = checkWrite({
				collection: 'reviews',
				actor: actorOf(by),
				prev: null,
				next: doc as never,
				deleting: false,
				subject: subjectOf(doc) as never,
				now
			});
			expect(verdict, doc.id).toEqual({ ok: true });
		}
	});

	it('are dated in the current year, before now', () => {
		for (const doc of [...records, ...recordReviews, ...approvals]) {
			for (const time of ['at', 'submittedAt', 'decidedAt', 'updatedAt'] as const) {
				const value = (doc as unknown as Record<string, unknown>)[time];
				if (typeof value !== 'string') continue;
				expect(Date.parse(value), `${doc.id} ${time}`).toBeLessThan(now.getTime());
				expect(shanghaiYear(value)).toBe(year);
			}
		}
	});

	it('leave twenty or more of branch 1 waiting for secretary1, none of her own', () => {
		const waiting = views.filter(
			(v) => v.record.branchId === 'br1' && v.state === 'needs-approval'
		);
		expect(waiting.length).toBeGreaterThanOrEqual(20);
		expect(waiting.some((v) => v.record.memberId === 'm121')).toBe(false);
	});

	it('give member1 points under several rules, one record waiting for community1 and one returned', () => {
		const own = views.filter((v) => v.record.memberId === 'm001');
		expect(own.filter((v) => v.state === 'needs-confirmation')).toHaveLength(1);
		const returned = own.filter((v) => v.state === 'returned');
		expect(returned).toHaveLength(1);
		expect(returned[0]?.returned?.reason).toBeTruthy();
		const member1 = data.docs.members.find((m) => m.id === 'm001') as unknown as Member;
		const standing = standingOf(
			member1,
			'cm1',
			{ reports: reportDocs, reviews: reviewDocs, schemes: [] },
			year,
			now
		);
		const scoring = standing.points.lines.filter((line) => line.points > 0);
		expect(new Set(scoring.map((line) => line.rule)).size).toBeGreaterThanOrEqual(3);
		expect(standing.points.total).toBeGreaterThan(0);
		expect(standing.grade.projected).toBe(true);
	});
});
