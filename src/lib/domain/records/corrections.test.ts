import { describe, expect, it } from 'vitest';
import { otherMember, owner, secretary, staff } from '../../../test-data/test-actors';
import {
	activityRecord,
	correctionOfRecord,
	ownRecord,
	push
} from '../../../test-data/record-fixtures';
import type { Actor } from '../access/roles';
import { kindOf } from '../registry';
import { askedChanges, correctionId, corrections, type Correction } from './corrections';
import type { ServiceRecord } from './service-record';

const record = activityRecord();

function ask(
	actor: Actor,
	next: Correction,
	subject: ServiceRecord | null = record,
	prev: Correction | null = null
) {
	return push('reports', actor, next, { subject, prev });
}

function correction(overrides: Partial<Correction> = {}): Correction {
	return correctionOfRecord(record, overrides);
}

describe('corrections: kind and channels', () => {
	it('is the `correction` kind of the reports collection, one per record, about the record', () => {
		expect(kindOf('reports', correction())).toBe(corrections);
		expect(correction().id).toBe(correctionId(record.id));
		expect(corrections.subjectOf?.(correction())).toEqual({ collection: 'reports', id: record.id });
	});

	it("travels in the record's yearly channels and names its photos", () => {
		expect(correction().channels).toEqual([
			'branch:br1/2026',
			'community:cm2/2026',
			'member:m001/2026'
		]);
		const photo = 'c'.repeat(64);
		expect(corrections.filesOf?.(correction({ photos: [photo] }))).toEqual([photo]);
	});

	it('keeps only the asked values that change something', () => {
		expect(
			askedChanges({ minutes: 90, description: '新的' }, { minutes: 90, description: '旧的' })
		).toEqual({ description: '新的' });
	});
});

describe('corrections: who asks, and what', () => {
	it("lets the record's member ask, with a reason", () => {
		expect(ask(owner, correction())).toEqual({ ok: true });
		expect(ask(owner, correction({ reason: '   ' }))).toMatchObject({ detail: 'reason' });
	});

	it('refuses anyone else', () => {
		for (const actor of [otherMember, secretary, staff]) {
			expect(ask(actor, correction()), actor.username).toEqual({ ok: false, reason: 'not-owner' });
		}
	});

	it('refuses a forged id, a record missing, withdrawn or not a record', () => {
		expect(ask(owner, correction({ id: 'co.sr.other' }))).toMatchObject({ detail: 'id' });
		expect(ask(owner, correction(), null)).toMatchObject({ reason: 'subject-mismatch' });
		expect(ask(owner, correction(), { ...record, withdrawn: true })).toMatchObject({
			detail: 'withdrawn'
		});
		const report = { ...record, kind: 'residence' } as unknown as ServiceRecord;
		expect(ask(owner, correction(), report)).toMatchObject({ reason: 'subject-mismatch' });
	});

	it("refuses copies that differ from the record's", () => {
		expect(ask(owner, correction({ communityId: 'cm1' }))).toMatchObject({ detail: 'communityId' });
		expect(ask(owner, correction({ hostBranchId: 'br1' }))).toMatchObject({
			detail: 'hostBranchId'
		});
		expect(ask(owner, correction({ year: 2025 }))).toMatchObject({ detail: 'year' });
		expect(ask(otherMember, correction({ memberId: 'm002' }))).toMatchObject({
			detail: 'memberId'
		});
	});

	it('asks for something that changes, within the rules of a record', () => {
		expect(ask(owner, correction({ asked: {} }))).toMatchObject({ detail: 'asked' });
		expect(ask(owner, correction({ asked: { minutes: record.minutes } }))).toMatchObject({
			detail: 'asked.minutes'
		});
		expect(ask(owner, correction({ asked: { description: ' ' } }))).toMatchObject({
			detail: 'asked.description'
		});
		expect(ask(owner, correction({ asked: { minutes: 0 } }))).toMatchObject({ reason: 'invalid' });
		expect(ask(owner, correction({ asked: { at: '2026-06-05T00:00:00.000Z' } }))).toMatchObject({
			detail: 'asked.at'
		});
		// The record's year stays its year: its channels and decisions carry it.
		expect(ask(owner, correction({ asked: { at: '2025-12-20T00:00:00.000Z' } }))).toMatchObject({
			detail: 'asked.at'
		});
		expect(ask(owner, correction({ asked: { at: '2026-05-19T02:00:00.000Z' } }))).toEqual({
			ok: true
		});
	});

	it("corrects the member's own records too", () => {
		const own = ownRecord();
		expect(ask(owner, correctionOfRecord(own), own)).toEqual({ ok: true });
	});
});

describe('corrections: resubmission', () => {
	const prev = correction();

	it('changes content only as the next submission', () => {
		const next = correction({ asked: { minutes: 150 }, submission: 2 });
		expect(ask(owner, next, record, prev)).toEqual({ ok: true });
		expect(ask(owner, { ...next, submission: 1 }, record, prev)).toMatchObject({
			detail: 'submission'
		});
		expect(ask(owner, prev, record, next)).toMatchObject({ detail: 'submission' });
	});

	it('starts at submission 1, keeps the record and year, and is never deleted', () => {
		expect(ask(owner, correction({ submission: 2 }))).toMatchObject({ detail: 'submission' });
		const other = ownRecord();
		const moved = { ...correctionOfRecord(other), id: prev.id, submission: 2 };
		expect(ask(owner, moved, other, prev)).toMatchObject({ reason: 'invalid', detail: 'id' });
		expect(push('reports', owner, prev, { prev, subject: record, deleting: true })).toMatchObject({
			reason: 'forbidden'
		});
	});
});
