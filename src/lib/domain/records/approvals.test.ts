import { describe, expect, it } from 'vitest';
import { office, otherMember, owner, secretary, staff } from '../../../test-data/test-actors';
import {
	activityRecord,
	approvalOfSubject,
	correctionOfRecord,
	ownRecord,
	push
} from '../../../test-data/record-fixtures';
import type { Actor } from '../access/roles';
import { kindOf } from '../registry';
import { approvalId, approvals, subjectYear, type Approval } from './approvals';

/** The secretary of another branch, br2, of the same bureau. */
const otherSecretary: Actor = {
	username: 'secretary2',
	memberId: 'm201',
	branchId: 'br2',
	orgId: 'org-a',
	roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br2' }]
};

/** A secretary of br1 who is not a member of it (an appointed secretary). */
const appointed: Actor = {
	username: 'secretary9',
	roles: [{ role: 'secretary', branchId: 'br1' }]
};

const record = ownRecord();

function decide(
	actor: Actor,
	next: Approval,
	subject: object | null = record,
	prev: Approval | null = null
) {
	return push('reviews', actor, next, { subject, prev });
}

function by(actor: Actor, overrides: Partial<Approval> = {}): Approval {
	return approvalOfSubject(record, { approver: actor.username, ...overrides });
}

describe('approvals: kind and channels', () => {
	it('is the `approval` kind of the reviews collection, beside kind-less reviews', () => {
		expect(kindOf('reviews', by(secretary))).toBe(approvals);
		expect(kindOf('reviews', { id: 'x' })?.name).toBe('review');
	});

	it("travel in the subject's yearly channels", () => {
		expect(by(secretary).channels).toEqual([
			'branch:br1/2026',
			'community:cm2/2026',
			'member:m001/2026'
		]);
	});

	it('have one id per subject and submission', () => {
		expect(approvalId('sr.m001.k1a2b3c4', 2)).toBe('sr.m001.k1a2b3c4.a2');
		expect(approvals.subjectOf?.(by(secretary))).toEqual({
			collection: 'reports',
			id: record.id
		});
	});

	it('take the year of a record from its service time, of a correction from its field', () => {
		expect(subjectYear({ kind: 'service-record', at: '2025-12-31T16:30:00.000Z' })).toBe(2026);
		expect(subjectYear({ kind: 'correction', year: 2025 })).toBe(2025);
		expect(subjectYear({ kind: 'residence' })).toBeNull();
	});
});

describe('approvals: who decides', () => {
	it("lets a secretary of the record's branch approve or return with a reason", () => {
		expect(decide(secretary, by(secretary))).toEqual({ ok: true });
		expect(decide(appointed, by(appointed))).toEqual({ ok: true });
		expect(
			decide(secretary, by(secretary, { decision: 'returned', reason: '请补充照片' }))
		).toEqual({
			ok: true
		});
	});

	it('refuses a return without a reason, and a decision other than approve or return', () => {
		expect(decide(secretary, by(secretary, { decision: 'returned' }))).toMatchObject({
			detail: 'reason'
		});
		expect(decide(secretary, by(secretary, { decision: 'returned', reason: '  ' }))).toMatchObject({
			detail: 'reason'
		});
		const confirmed = { ...by(secretary), decision: 'confirmed' } as unknown as Approval;
		expect(decide(secretary, confirmed)).toMatchObject({ reason: 'invalid' });
	});

	it('refuses the member, staff, the office and a secretary of another branch', () => {
		for (const actor of [owner, otherMember, staff, office, otherSecretary]) {
			expect(decide(actor, by(actor)), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
	});

	it("refuses a secretary's approval of their own record", () => {
		const own = ownRecord({ memberId: 'm121' });
		const next = approvalOfSubject(own, { approver: 'secretary1' });
		expect(decide(secretary, next, own)).toMatchObject({ reason: 'forbidden', detail: 'own' });
	});

	it('refuses an approval in the name of someone else', () => {
		expect(decide(secretary, by(appointed))).toEqual({ ok: false, reason: 'not-owner' });
	});

	it('is append-only: no change, no deletion', () => {
		const approval = by(secretary);
		expect(decide(secretary, approval, record, approval)).toMatchObject({ reason: 'append-only' });
		expect(
			push('reviews', secretary, approval, { subject: record, prev: approval, deleting: true })
		).toMatchObject({ reason: 'append-only' });
	});
});

describe('approvals: the subject', () => {
	it('refuses a subject missing, deleted, or not a record or correction', () => {
		expect(decide(secretary, by(secretary), null)).toMatchObject({ reason: 'subject-mismatch' });
		expect(decide(secretary, by(secretary), { ...record, _deleted: true })).toMatchObject({
			reason: 'subject-mismatch'
		});
		expect(decide(secretary, by(secretary), { ...record, kind: 'residence' })).toMatchObject({
			detail: 'kind'
		});
	});

	it('refuses forged copies of the subject', () => {
		const forged = [
			by(secretary, { memberId: 'm002' }),
			by(secretary, { communityId: 'cm1' }),
			by(secretary, { orgId: 'org-b' }),
			by(secretary, { year: 2025 })
		];
		for (const next of forged) {
			expect(decide(secretary, next), JSON.stringify(next)).toMatchObject({
				reason: 'subject-mismatch'
			});
		}
		// A forged branch is refused already as not the secretary's.
		expect(decide(otherSecretary, by(otherSecretary, { branchId: 'br2' }))).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'branchId'
		});
	});

	it('decides the current submission only', () => {
		const stale = approvalOfSubject(record, { subjectSubmission: 1 });
		expect(decide(secretary, stale, { ...record, submission: 2 })).toMatchObject({
			detail: 'submission'
		});
	});

	it('refuses a withdrawn record and one waiting for 需核实', () => {
		expect(decide(secretary, by(secretary), { ...record, withdrawn: true })).toMatchObject({
			detail: 'withdrawn'
		});
		const flagged = activityRecord({ flagged: true });
		expect(decide(secretary, approvalOfSubject(flagged), flagged)).toMatchObject({
			detail: 'flagged'
		});
		const derived = activityRecord();
		expect(decide(secretary, approvalOfSubject(derived), derived)).toEqual({ ok: true });
	});

	it('approves a correction of the record', () => {
		const correction = correctionOfRecord(activityRecord());
		expect(decide(secretary, approvalOfSubject(correction), correction)).toEqual({ ok: true });
		expect(
			decide(secretary, approvalOfSubject(correction, { year: 2025 }), correction)
		).toMatchObject({ detail: 'year' });
	});
});
