import { describe, expect, it } from 'vitest';
import { reviewId, type Review } from '../reporting/reviews';
import { communityConfirmations } from './community-confirmations';
import type { Correction } from './corrections';
import type { RecordView } from './record-status';
import type { ServiceRecord } from './service-record';

function record(id: string, extra: Partial<ServiceRecord> = {}): ServiceRecord {
	return {
		id,
		kind: 'service-record',
		origin: 'own',
		memberId: 'm1',
		memberName: '张三',
		branchId: 'b1',
		orgId: 'o1',
		communityId: 'c1',
		category: 'service',
		at: '2026-03-01T02:00:00.000Z',
		minutes: 90,
		description: '清扫楼道',
		photos: [],
		submission: 1,
		submittedAt: '2026-03-01T05:00:00.000Z',
		trail: [],
		updatedAt: '2026-03-01T05:00:00.000Z',
		channels: [],
		...extra
	};
}

function correction(recordId: string, extra: Partial<Correction> = {}): Correction {
	return {
		id: `co.${recordId}`,
		kind: 'correction',
		recordId,
		memberId: 'm1',
		memberName: '张三',
		branchId: 'b1',
		orgId: 'o1',
		communityId: 'c1',
		year: 2026,
		asked: { minutes: 120 },
		reason: '签退时间记错',
		photos: [],
		submission: 1,
		submittedAt: '2026-03-02T05:00:00.000Z',
		updatedAt: '2026-03-02T05:00:00.000Z',
		channels: [],
		...extra
	};
}

function view(doc: ServiceRecord, extra: Partial<RecordView> = {}): RecordView {
	return {
		record: doc,
		effective: doc,
		state: 'needs-confirmation',
		confirmation: doc.origin === 'own' ? 'review' : 'source',
		...extra
	};
}

function review(subject: { id: string; submission: number }, decidedAt: string): Review {
	return {
		id: reviewId(subject.id, subject.submission),
		subjectCollection: 'reports',
		subjectId: subject.id,
		subjectSubmission: subject.submission,
		memberId: 'm1',
		branchId: 'b1',
		orgId: 'o1',
		communityId: 'c1',
		year: 2026,
		reviewer: 'community1',
		decision: 'confirmed',
		decidedAt,
		channels: []
	};
}

describe('communityConfirmations', () => {
	it('lists own records done in the community and corrections of records made there', () => {
		const own = record('sr.m1.aaaaaa');
		const later = record('sr.m1.bbbbbb', { submittedAt: '2026-02-01T00:00:00.000Z' });
		const fromActivity = record('sr.act1.m1', { origin: 'activity', hostBranchId: 'b9' });
		const elsewhere = record('sr.m1.cccccc', { communityId: 'c2' });
		const withdrawn = record('sr.m1.dddddd', { withdrawn: true });
		const asked = correction(fromActivity.id);
		const { waiting, decided } = communityConfirmations(
			[
				view(own),
				view(later),
				view(fromActivity, {
					state: 'approved',
					correction: { correction: asked, state: 'needs-confirmation' }
				}),
				view(elsewhere),
				view(withdrawn, { state: 'withdrawn' })
			],
			[],
			'c1'
		);
		expect(waiting.map((e) => [e.subject, e.id])).toEqual([
			['record', later.id],
			['record', own.id],
			['correction', asked.id]
		]);
		expect(decided).toEqual([]);
	});

	it('moves a subject to decided once the community decided its current submission, and back on resubmission', () => {
		const own = record('sr.m1.aaaaaa', { submission: 2 });
		const other = record('sr.m1.bbbbbb');
		const { waiting, decided } = communityConfirmations(
			[view(own), view(other)],
			[
				review({ id: own.id, submission: 1 }, '2026-03-02T00:00:00.000Z'),
				review(other, '2026-03-03T00:00:00.000Z')
			],
			'c1'
		);
		expect(waiting.map((e) => e.id)).toEqual([own.id]);
		expect(decided.map((e) => [e.id, e.review?.decidedAt])).toEqual([
			[other.id, '2026-03-03T00:00:00.000Z']
		]);
	});

	it("skips what the branch's own activity or the secretary's return leaves out of the community's hands", () => {
		const branchOwn = record('sr.act2.m1', { origin: 'activity', hostBranchId: 'b1' });
		const returnedBySecretary = record('sr.m1.eeeeee');
		const { waiting, decided } = communityConfirmations(
			[
				view(branchOwn, {
					state: 'approved',
					correction: { correction: correction(branchOwn.id), state: 'needs-approval' }
				}),
				view(returnedBySecretary, {
					state: 'returned',
					returned: {
						by: 'secretary',
						reviewer: 'secretary1',
						reason: '照片不清',
						at: '2026-03-03T00:00:00.000Z'
					}
				})
			],
			[],
			'c1'
		);
		expect([...waiting, ...decided]).toEqual([]);
	});
});
