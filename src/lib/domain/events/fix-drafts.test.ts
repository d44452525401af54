import { describe, expect, it } from 'vitest';
import { aBranchActivity, aRecord } from '../../../test-data/activity-fixtures';
import { secretary } from '../../../test-data/test-actors';
import { checkWrite, relatedKey } from '../access/write-policy';
import type { AnyDoc } from '../registry';
import { fixDraftOf, newAttendanceFix, readFixDraft, type FixDraft } from './fix-drafts';

/** br1's party day, 09:00–12:00 on 1 June 2026 in Shanghai. */
const activity = aBranchActivity();
const checkIn = aRecord('in', { hostBranchId: 'br1', at: '2026-06-01T01:05:00.000Z' });
const draft = (overrides: Partial<FixDraft> = {}): FixDraft => ({
	outcome: 'present',
	checkInAt: '2026-06-01T09:05',
	checkOutAt: '2026-06-01T11:30',
	reason: ' 本人在场,忘签退 ',
	...overrides
});

describe('fixDraftOf', () => {
	it('opens with the recorded times in Shanghai, a missing check-out at the end', () => {
		expect(fixDraftOf(activity, checkIn, null)).toEqual({
			outcome: 'present',
			checkInAt: '2026-06-01T09:05',
			checkOutAt: '2026-06-01T12:00',
			reason: ''
		});
		const out = aRecord('out', { at: '2026-06-01T03:40:00.000Z' });
		expect(fixDraftOf(activity, checkIn, out).checkOutAt).toBe('2026-06-01T11:40');
	});
});

describe('readFixDraft', () => {
	it('reads present with Shanghai times as instants, and the reason trimmed', () => {
		expect(readFixDraft(activity, draft())).toEqual({
			ok: true,
			outcome: 'present',
			checkInAt: '2026-06-01T01:05:00.000Z',
			checkOutAt: '2026-06-01T03:30:00.000Z',
			reason: '本人在场,忘签退'
		});
		expect(readFixDraft(activity, draft({ checkOutAt: '' }))).toEqual({
			ok: true,
			outcome: 'present',
			checkInAt: '2026-06-01T01:05:00.000Z',
			reason: '本人在场,忘签退'
		});
	});

	it('reads absent without times', () => {
		expect(readFixDraft(activity, draft({ outcome: 'absent', checkInAt: '' }))).toEqual({
			ok: true,
			outcome: 'absent',
			reason: '本人在场,忘签退'
		});
	});

	it('names what is wrong: no reason, a time missing or not real, out of hours, out of order', () => {
		const problem = (overrides: Partial<FixDraft>) => readFixDraft(activity, draft(overrides));
		expect(problem({ reason: '  ' })).toEqual({ ok: false, problem: 'reason' });
		expect(problem({ reason: '因'.repeat(201) })).toEqual({ ok: false, problem: 'reason' });
		expect(problem({ outcome: 'absent', reason: '' })).toEqual({ ok: false, problem: 'reason' });
		expect(problem({ checkInAt: '' })).toEqual({ ok: false, problem: 'check-in' });
		expect(problem({ checkOutAt: '2026-02-30T10:00' })).toEqual({
			ok: false,
			problem: 'check-out'
		});
		expect(problem({ checkInAt: '2026-06-01T07:59' })).toEqual({ ok: false, problem: 'window' });
		expect(problem({ checkOutAt: '2026-06-01T13:01' })).toEqual({ ok: false, problem: 'window' });
		expect(problem({ checkInAt: '2026-06-01T11:00', checkOutAt: '2026-06-01T10:00' })).toEqual({
			ok: false,
			problem: 'order'
		});
	});
});

describe('newAttendanceFix', () => {
	const at = new Date('2026-06-01T05:00:00.000Z');
	const write = (fix: AnyDoc) =>
		checkWrite({
			collection: 'attendance',
			actor: secretary,
			prev: null,
			next: fix,
			deleting: false,
			subject: { ...activity, _rev: '1-a' },
			related: new Map([
				[relatedKey({ collection: 'attendance', id: checkIn.id }), { ...checkIn }]
			]),
			relatedComplete: true,
			now: at
		});

	it('makes the fix the policy accepts, naming the person as the check-in does', () => {
		for (const overrides of [{}, { outcome: 'absent' as const }]) {
			const reading = readFixDraft(activity, draft(overrides));
			if (!reading.ok) throw new Error('unreadable draft');
			const fix = newAttendanceFix({
				activity,
				checkIn,
				resolution: reading,
				recordedBy: 'secretary1',
				at
			});
			expect(fix).toMatchObject({
				kind: 'fix',
				memberId: checkIn.memberId,
				memberName: checkIn.memberName,
				outcome: overrides.outcome ?? 'present'
			});
			expect(fix).not.toHaveProperty('ok');
			expect(write(fix as unknown as AnyDoc)).toEqual({ ok: true });
		}
	});
});
