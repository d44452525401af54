import { describe, expect, it } from 'vitest';
import { owner, secretary, staff } from '../../../test-data/test-actors';
import {
	ACT1,
	activityRecord,
	NOW,
	push,
	relatedOf,
	withCommunity
} from '../../../test-data/record-fixtures';
import {
	approvalOf,
	correctionOf,
	correctionProblems,
	decisionReasonProblems,
	newRecordKey,
	ownRecordOf,
	ownRecordProblems,
	recordReviewOf,
	resubmittedRecord,
	resubmitReasonProblems,
	withdrawnRecord,
	type OwnRecordInput
} from './record-drafts';
import { isOwnRecordId } from './service-record';

const member = { id: 'm001', name: '张三', branchId: 'br1', orgId: 'org-a' };
const input: OwnRecordInput & { at: string } = {
	at: '2026-05-20T02:00:00.000Z',
	minutes: 90,
	description: '  帮助独居老人打扫卫生 ',
	communityId: 'cm2',
	category: 'service',
	photos: []
};
const later = new Date('2026-06-01T05:00:00Z');

function ownRecord() {
	return ownRecordOf({ member, by: 'member1', key: 'abc123def', values: input, now: NOW });
}

describe('own records built from form input', () => {
	it('are accepted as written, text trimmed', () => {
		const record = ownRecord();
		expect(record.description).toBe('帮助独居老人打扫卫生');
		expect(push('reports', owner, record)).toEqual({ ok: true });
	});

	it('take random keys the id rule accepts', () => {
		const key = newRecordKey();
		expect(isOwnRecordId(`sr.m001.${key}`, 'm001')).toBe(true);
		expect(newRecordKey()).not.toBe(key);
	});

	it('cite a missed check-in with the activity and its host', () => {
		const hosted = { ...ACT1, hostBranchId: 'br2' };
		const record = ownRecordOf({
			member,
			by: 'member1',
			key: 'abc123def',
			values: { ...input, activity: { id: 'act1', hostBranchId: 'br2' } },
			now: NOW
		});
		expect(record).toMatchObject({ activityId: 'act1', hostBranchId: 'br2' });
		const related = relatedOf([
			[{ collection: 'directory', id: 'cm2' }, { kind: 'community' }],
			[{ collection: 'activities', id: 'act1' }, hosted]
		]);
		expect(push('reports', owner, record, { related })).toEqual({ ok: true });
	});

	it('are resubmitted with the previous values and the reason', () => {
		const prev = ownRecord();
		const next = resubmittedRecord({
			record: prev,
			by: 'member1',
			values: { ...input, minutes: 120, communityId: 'cm2' },
			reason: ' 补充时长 ',
			now: later
		});
		expect(next.submission).toBe(2);
		expect(next.trail.at(-1)).toEqual({
			at: later.toISOString(),
			by: 'member1',
			change: 'resubmitted',
			before: { minutes: 90 },
			reason: '补充时长'
		});
		expect(push('reports', owner, next, { prev })).toEqual({ ok: true });
	});

	it('drop a cited activity no longer cited on resubmission', () => {
		const prev = ownRecordOf({
			member,
			by: 'member1',
			key: 'abc123def',
			values: { ...input, activity: { id: 'act1', hostBranchId: 'br2' } },
			now: NOW
		});
		const next = resubmittedRecord({
			record: prev,
			by: 'member1',
			values: input,
			reason: '不是活动',
			now: later
		});
		expect(next.activityId).toBeUndefined();
		expect(next.hostBranchId).toBeUndefined();
		expect(push('reports', owner, next, { prev })).toEqual({ ok: true });
	});

	it('are withdrawn, kept', () => {
		const prev = ownRecord();
		const next = withdrawnRecord(prev, 'member1', later);
		expect(push('reports', owner, next, { prev, related: withCommunity })).toEqual({ ok: true });
	});
});

describe('problems of form input', () => {
	it('finds none in good input', () => {
		expect(ownRecordProblems(input, NOW)).toEqual([]);
	});

	it('names each problem', () => {
		expect(
			ownRecordProblems(
				{
					...input,
					at: null,
					minutes: 0,
					description: ' ',
					communityId: '',
					photos: ['a', 'b', 'c', 'd']
				},
				NOW
			)
		).toEqual([
			'at-missing',
			'minutes-range',
			'description-missing',
			'community-missing',
			'too-many-photos'
		]);
		expect(ownRecordProblems({ ...input, at: '2026-06-02T00:00:00.000Z' }, NOW)).toEqual([
			'at-future'
		]);
		expect(ownRecordProblems({ ...input, at: '2024-06-02T00:00:00.000Z' }, NOW)).toEqual([
			'at-closed-year'
		]);
		expect(ownRecordProblems({ ...input, minutes: 1.5 }, NOW)).toEqual(['minutes-range']);
		expect(ownRecordProblems({ ...input, description: 'x'.repeat(501) }, NOW)).toEqual([
			'description-too-long'
		]);
	});

	it('asks for reasons within their limits', () => {
		expect(decisionReasonProblems('  ')).toEqual(['reason-missing']);
		expect(decisionReasonProblems('x'.repeat(501))).toEqual(['reason-too-long']);
		expect(decisionReasonProblems('缺少照片')).toEqual([]);
		expect(resubmitReasonProblems('x'.repeat(201))).toEqual(['reason-too-long']);
	});
});

describe('corrections built from form input', () => {
	const record = activityRecord();
	const effective = { at: record.at, minutes: record.minutes, description: record.description };

	it('keep only the values that change, and are accepted', () => {
		const correction = correctionOf({
			record,
			existing: null,
			values: {
				asked: { minutes: 120, description: record.description },
				reason: '实际两小时',
				photos: []
			},
			now: NOW
		});
		expect(correction.asked).toEqual({ minutes: 120 });
		expect(push('reports', owner, correction, { subject: record })).toEqual({ ok: true });
		const again = correctionOf({
			record,
			existing: correction,
			values: { asked: { minutes: 150 }, reason: '实际两个半小时', photos: [] },
			now: later
		});
		expect(again.submission).toBe(2);
		expect(push('reports', owner, again, { subject: record, prev: correction })).toEqual({
			ok: true
		});
	});

	it('name their problems', () => {
		const values = { asked: { minutes: 120 }, reason: '实际两小时', photos: [] };
		expect(correctionProblems(values, record, effective, NOW)).toEqual([]);
		expect(
			correctionProblems({ ...values, asked: { minutes: record.minutes } }, record, effective, NOW)
		).toEqual(['nothing-changed']);
		expect(
			correctionProblems(
				{ ...values, asked: { at: '2025-12-01T00:00:00.000Z' } },
				record,
				effective,
				NOW
			)
		).toEqual(['at-other-year']);
		expect(correctionProblems({ ...values, reason: '' }, record, effective, NOW)).toEqual([
			'reason-missing'
		]);
		// Asking again for what an approved correction already made the record.
		expect(correctionProblems(values, record, { ...effective, minutes: 120 }, NOW)).toEqual([
			'nothing-changed'
		]);
	});
});

describe('decisions built for the secretary and the community', () => {
	const record = activityRecord();

	it("approve or return the record's current submission", () => {
		const approval = approvalOf(record, 'secretary1', { decision: 'approved' }, NOW);
		expect(push('reviews', secretary, approval, { subject: record })).toEqual({ ok: true });
		const returned = approvalOf(
			record,
			'secretary1',
			{ decision: 'returned', reason: ' 缺少照片 ' },
			NOW
		);
		expect(returned.reason).toBe('缺少照片');
		expect(push('reviews', secretary, returned, { subject: record })).toEqual({ ok: true });
	});

	it("confirm a member's own record or a correction in the community", () => {
		const own = ownRecord();
		const review = recordReviewOf(own, 'community2', { decision: 'confirmed' }, NOW);
		expect(review.year).toBe(2026);
		expect(push('reviews', staff, review, { subject: own })).toEqual({ ok: true });
		const correction = correctionOf({
			record,
			existing: null,
			values: { asked: { minutes: 120 }, reason: '实际两小时', photos: [] },
			now: NOW
		});
		const ofCorrection = recordReviewOf(
			correction,
			'community2',
			{ decision: 'returned', reason: '无证明' },
			NOW
		);
		expect(push('reviews', staff, ofCorrection, { subject: correction })).toEqual({ ok: true });
		expect(
			push(
				'reviews',
				secretary,
				approvalOf(correction, 'secretary1', { decision: 'approved' }, NOW),
				{ subject: correction }
			)
		).toEqual({ ok: true });
	});
});
