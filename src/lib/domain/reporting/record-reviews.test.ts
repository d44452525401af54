import { describe, expect, it } from 'vitest';
import { otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import {
	activityRecord,
	correctionOfRecord,
	ownRecord,
	push,
	reviewOfSubject
} from '../../../test-data/record-fixtures';
import type { Actor } from '../access/roles';
import type { ServiceRecord } from '../records/service-record';
import { isReview, reviews, type Review } from './reviews';

/** The community's decisions on service records and corrections (issue 17). */

function decide(actor: Actor, next: Review, subject: object | null) {
	return push('reviews', actor, next, { subject });
}

const own = ownRecord();

describe("the community's review of a member's own record", () => {
	it("travels in the record's yearly channels, a review of a report in the old ones", () => {
		expect(reviewOfSubject(own).channels).toEqual([
			'branch:br1/2026',
			'community:cm2/2026',
			'member:m001/2026'
		]);
		const ofReport: Review = { ...reviewOfSubject(own) };
		delete ofReport.year;
		expect(reviews.channelsOf(ofReport)).toEqual(['branch:br1', 'community:cm2', 'member:m001']);
	});

	it('is told apart from approvals by having no kind', () => {
		expect(isReview(reviewOfSubject(own))).toBe(true);
		expect(isReview({ kind: 'approval' })).toBe(false);
	});

	it("lets the community's staff confirm or return it with a reason", () => {
		expect(decide(staff, reviewOfSubject(own), own)).toEqual({ ok: true });
		const returned = reviewOfSubject(own, { decision: 'returned', reason: '服务时长不符' });
		expect(decide(staff, returned, own)).toEqual({ ok: true });
		expect(decide(staff, reviewOfSubject(own, { decision: 'returned' }), own)).toMatchObject({
			detail: 'reason'
		});
	});

	it('refuses staff of another community, the secretary and the member', () => {
		for (const actor of [otherStaff, secretary, owner]) {
			const next = reviewOfSubject(own, { reviewer: actor.username });
			expect(decide(actor, next, own), actor.username).toEqual({ ok: false, reason: 'forbidden' });
		}
	});

	it("refuses an approval's decision, forged copies and a year other than the record's", () => {
		const approving = { ...reviewOfSubject(own), decision: 'approved' } as unknown as Review;
		expect(decide(staff, approving, own)).toMatchObject({ reason: 'invalid' });
		expect(decide(staff, reviewOfSubject(own, { memberId: 'm002' }), own)).toMatchObject({
			detail: 'memberId'
		});
		expect(decide(staff, reviewOfSubject(own, { year: 2025 }), own)).toMatchObject({
			detail: 'year'
		});
		const yearless: Review = { ...reviewOfSubject(own) };
		delete yearless.year;
		const unyearly = { ...yearless, channels: reviews.channelsOf(yearless) };
		expect(decide(staff, unyearly, own)).toMatchObject({ detail: 'year' });
	});

	it('refuses a withdrawn record and a stale submission', () => {
		expect(decide(staff, reviewOfSubject(own), { ...own, withdrawn: true })).toMatchObject({
			detail: 'withdrawn'
		});
		expect(decide(staff, reviewOfSubject(own), { ...own, submission: 2 })).toMatchObject({
			detail: 'submission'
		});
	});
});

describe('records the community does not review', () => {
	it('refuses a review of an activity or claim record: the source confirmed it', () => {
		for (const record of [activityRecord(), activityRecord({ origin: 'claim' })]) {
			expect(decide(staff, reviewOfSubject(record), record)).toEqual({
				ok: false,
				reason: 'forbidden',
				detail: 'confirmation'
			});
		}
	});

	it("refuses a review of the member's record of their branch's own activity", () => {
		const hosted: ServiceRecord = ownRecord({ activityId: 'act1', hostBranchId: 'br1' });
		expect(decide(staff, reviewOfSubject(hosted), hosted)).toMatchObject({
			detail: 'confirmation'
		});
	});

	it('refuses a review of a report in the name of a year', () => {
		const report = {
			id: 'm001.residence.cm2',
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-a',
			communityId: 'cm2',
			kind: 'residence',
			submission: 1
		};
		const next = reviewOfSubject(own, { id: `${report.id}.r1`, subjectId: report.id });
		expect(decide(staff, next, report)).toMatchObject({ detail: 'year' });
	});
});

describe("the community's review of a correction", () => {
	it('reviews the correction of a record whose source it confirmed', () => {
		const correction = correctionOfRecord(activityRecord());
		expect(decide(staff, reviewOfSubject(correction), correction)).toEqual({ ok: true });
	});

	it("leaves a correction of the branch's own activity to the secretary", () => {
		const correction = correctionOfRecord(activityRecord({ hostBranchId: 'br1' }));
		expect(decide(staff, reviewOfSubject(correction), correction)).toMatchObject({
			detail: 'confirmation'
		});
	});
});
