import { describe, expect, it } from 'vitest';
import { reviewId, type Report, type Review } from '../registry';
import { reportStatus, withStatuses } from './report-status';

const REPORT_ID = 'm001.residence.cm2';

function report(submission = 1, id = REPORT_ID): Report {
	return {
		id,
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		kind: 'residence',
		submission,
		submittedAt: '2024-05-01T09:00:00.000Z',
		updatedAt: '2024-05-01T09:00:00.000Z',
		channels: ['branch:br1', 'bureau:org-a', 'community:cm2', 'member:m001']
	};
}

function review(
	submission: number,
	decision: Review['decision'],
	decidedAt = '2024-05-02T10:00:00.000Z',
	subjectId = REPORT_ID
): Review {
	return {
		id: reviewId(subjectId, submission),
		subjectCollection: 'reports',
		subjectId,
		subjectSubmission: submission,
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		reviewer: 'community2',
		decision,
		...(decision === 'returned' ? { reason: '请补充材料' } : {}),
		decidedAt,
		channels: ['branch:br1', 'bureau:org-a', 'community:cm2', 'member:m001']
	};
}

describe('reportStatus', () => {
	it('is waiting without reviews', () => {
		expect(reportStatus(report(), [])).toEqual({ state: 'waiting' });
	});

	it('is confirmed by a confirmation of the current submission', () => {
		const confirmation = review(1, 'confirmed');
		expect(reportStatus(report(), [confirmation])).toEqual({
			state: 'confirmed',
			review: confirmation
		});
	});

	it('is returned by a return of the current submission', () => {
		const ret = review(1, 'returned');
		expect(reportStatus(report(), [ret])).toEqual({ state: 'returned', review: ret });
	});

	it('is waiting again after resubmission: the older review no longer counts', () => {
		expect(reportStatus(report(2), [review(1, 'returned')])).toEqual({ state: 'waiting' });
		expect(reportStatus(report(2), [review(1, 'confirmed')])).toEqual({ state: 'waiting' });
	});

	it('follows the decision on the resubmission', () => {
		const first = review(1, 'returned', '2024-05-02T10:00:00.000Z');
		const second = review(2, 'confirmed', '2024-05-04T10:00:00.000Z');
		expect(reportStatus(report(2), [first, second])).toEqual({
			state: 'confirmed',
			review: second
		});
		expect(reportStatus(report(2), [second, first])).toEqual({
			state: 'confirmed',
			review: second
		});
		expect(reportStatus(report(1), [first, second])).toEqual({ state: 'returned', review: first });
	});

	it('ignores a later confirmation of an older submission', () => {
		const oldConfirmed = review(1, 'confirmed', '2024-06-01T00:00:00.000Z');
		const currentReturned = review(2, 'returned', '2024-05-05T00:00:00.000Z');
		expect(reportStatus(report(2), [oldConfirmed, currentReturned])).toEqual({
			state: 'returned',
			review: currentReturned
		});
	});

	it('ignores reviews of other reports', () => {
		const other = review(1, 'confirmed', '2024-05-02T10:00:00.000Z', 'm002.residence.cm2');
		expect(reportStatus(report(), [other])).toEqual({ state: 'waiting' });
	});

	it('takes the earliest decision when two were made on the same submission', () => {
		const late = { ...review(1, 'returned', '2024-05-03T10:00:00.000Z'), reviewer: 'community9' };
		const early = review(1, 'confirmed', '2024-05-02T10:00:00.000Z');
		const reviews = [late, early];
		expect(reportStatus(report(), reviews)).toEqual({ state: 'confirmed', review: early });
		// The input list is left as it was.
		expect(reviews).toEqual([late, early]);
	});
});

describe('withStatuses', () => {
	it('gives each report the status its own reviews make', () => {
		const a = report(1, 'm001.residence.cm2');
		const b = report(1, 'm002.residence.cm2');
		const statuses = withStatuses([a, b], [review(1, 'confirmed', undefined, b.id)]);
		expect(statuses.map((s) => [s.report.id, s.status.state])).toEqual([
			['m001.residence.cm2', 'waiting'],
			['m002.residence.cm2', 'confirmed']
		]);
	});
});
