import { describe, expect, it } from 'vitest';
import { aBranchActivity, aRecord, ENDS, STARTS } from '../../../test-data/activity-fixtures';
import { otherMember, owner, secretary, staff } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import { checkWrite, relatedKey, withChannels } from '../access/write-policy';
import type { AnyDoc } from '../registry';
import {
	attendanceFixId,
	fixedAttendance,
	isAttendanceFix,
	latestFix,
	mayResolveAttendance,
	type AttendanceFix
} from './attendance-fixes';
import { attendanceId } from './attendance-record';

/** br1's party day in cm2 (09:00–12:00, 1 June 2026), run by secretary1 with community2. */
const activity = aBranchActivity({ organisers: ['secretary1', 'community2'] });
const checkIn = aRecord('in', { hostBranchId: 'br1', method: 'manual', reason: '忘带证件' });
const checkInKey = relatedKey({ collection: 'attendance', id: checkIn.id });
const AFTER = new Date(ENDS.getTime() + 30 * 60_000);
const minutesFromStart = (minutes: number) =>
	new Date(STARTS.getTime() + minutes * 60_000).toISOString();

function aFix(overrides: Partial<AttendanceFix> = {}): AttendanceFix {
	const at = overrides.at ?? AFTER.toISOString();
	return withChannels('attendance', {
		id: attendanceFixId(activity.id, 'm001', new Date(at)),
		kind: 'fix',
		activityId: activity.id,
		activityStartsAt: activity.startsAt,
		communityId: 'cm2',
		hostBranchId: 'br1',
		memberId: 'm001',
		memberName: checkIn.memberName,
		branchId: 'br1',
		orgId: 'org-a',
		outcome: 'present',
		checkInAt: minutesFromStart(5),
		checkOutAt: minutesFromStart(170),
		reason: '本人在场,手工补签',
		recordedBy: 'secretary1',
		at,
		channels: [],
		...overrides
	} satisfies AttendanceFix);
}

interface Options {
	prev?: AttendanceFix | null;
	deleting?: boolean;
	subject?: object | null;
	related?: Map<string, Record<string, unknown>>;
	relatedComplete?: boolean;
}

function write(actor: Actor, next: AttendanceFix, options: Options = {}) {
	return checkWrite({
		collection: 'attendance',
		actor,
		prev: (options.prev ?? null) as AnyDoc | null,
		next: next as unknown as AnyDoc,
		deleting: options.deleting ?? false,
		subject: (options.subject === undefined
			? { ...activity, _rev: '1-a' }
			: options.subject) as Record<string, unknown> | null,
		related: options.related ?? new Map([[checkInKey, { ...checkIn, _rev: '1-b' }]]),
		relatedComplete: options.relatedComplete ?? true,
		now: AFTER
	});
}

const ok = { ok: true };
const refused = (reason: string, detail?: string) =>
	detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };

describe('attendanceFixId', () => {
	it('is one per resolution, stamped with its time', () => {
		expect(attendanceFixId('act-1', 'm001', new Date(36_000))).toBe('act-1.m001.fix.rs0');
	});
});

describe('latestFix', () => {
	const fix = (at: string, id: string, memberId = 'm001') =>
		({ ...aFix({ at }), id, memberId }) as AttendanceFix;

	it('is the latest resolution of the member at the activity, by time and then by id', () => {
		const early = fix('2026-06-01T05:00:00.000Z', 'z');
		const late = fix('2026-06-01T06:00:00.000Z', 'a');
		const sameTime = fix('2026-06-01T06:00:00.000Z', 'b');
		expect(latestFix([late, early], activity.id, 'm001')).toBe(late);
		expect(latestFix([late, sameTime, early], activity.id, 'm001')).toBe(sameTime);
		expect(latestFix([sameTime, late, early], activity.id, 'm001')).toBe(sameTime);
	});

	it('is null for nobody resolved, and ignores other members and activities', () => {
		const other = fix('2026-06-01T06:00:00.000Z', 'x', 'm002');
		expect(latestFix([other], activity.id, 'm001')).toBeNull();
		expect(latestFix([aFix()], 'act-other', 'm001')).toBeNull();
		expect(latestFix([], activity.id, 'm001')).toBeNull();
	});

	it('tells a fix among the attendance collection’s documents', () => {
		expect(isAttendanceFix(aFix())).toBe(true);
		expect(isAttendanceFix(checkIn)).toBe(false);
	});
});

describe('mayResolveAttendance', () => {
	it('is for the organisers and the host branch’s secretary of an activity not cancelled', () => {
		const organiserOnly = aBranchActivity({ organisers: ['community2'] });
		expect(mayResolveAttendance(staff, activity)).toBe(true);
		expect(mayResolveAttendance(secretary, organiserOnly)).toBe(true);
		expect(mayResolveAttendance(owner, activity)).toBe(false);
		expect(mayResolveAttendance(staff, { ...activity, cancelled: true })).toBe(false);
	});
});

describe('the fix kind', () => {
	it('travels in the channels of the activity’s year, whatever its own time', () => {
		const fix = aFix({ at: '2027-01-03T02:00:00.000Z' });
		expect(fix.channels).toEqual(
			expect.arrayContaining(['member:m001/2026', 'branch:br1/2026', 'community:cm2/2026'])
		);
		expect(fix.channels.some((c) => c.endsWith('/2027'))).toBe(false);
	});

	it('accepts the host secretary’s and an organiser’s resolution: present with times, or absent', () => {
		expect(write(secretary, aFix())).toEqual(ok);
		expect(write(staff, aFix({ recordedBy: 'community2' }))).toEqual(ok);
		const absent = aFix({ outcome: 'absent', checkInAt: undefined, checkOutAt: undefined });
		expect(write(secretary, absent)).toEqual(ok);
		// Times are optional: the recorded ones stand.
		expect(write(secretary, aFix({ checkInAt: undefined }))).toEqual(ok);
	});

	it('refuses anyone else, and another’s name as the recorder', () => {
		expect(write(owner, aFix({ recordedBy: 'member1' }))).toEqual(refused('forbidden'));
		expect(write(otherMember, aFix({ recordedBy: 'member2' }))).toEqual(refused('forbidden'));
		expect(write(staff, aFix())).toEqual(refused('not-owner'));
	});

	it('refuses a resolution at a cancelled activity', () => {
		const subject = { ...activity, cancelled: true, _rev: '2-a' };
		expect(write(secretary, aFix(), { subject })).toEqual(refused('forbidden'));
	});

	it('is append-only', () => {
		expect(write(secretary, aFix(), { prev: aFix() })).toEqual(refused('append-only'));
		expect(write(secretary, aFix(), { prev: aFix(), deleting: true })).toEqual(
			refused('append-only')
		);
	});

	it('needs a reason', () => {
		expect(write(secretary, aFix({ reason: '   ' }))).toEqual(refused('invalid', 'reason'));
		expect(write(secretary, aFix({ reason: '' })).ok).toBe(false);
		expect(write(secretary, aFix({ reason: '因'.repeat(201) })).ok).toBe(false);
	});

	it('takes times in the activity’s check-in window, the check-in not after the check-out', () => {
		const times = refused('invalid', 'times');
		expect(write(secretary, aFix({ checkInAt: minutesFromStart(-61) }))).toEqual(times);
		expect(write(secretary, aFix({ checkOutAt: minutesFromStart(180 + 61) }))).toEqual(times);
		expect(
			write(secretary, aFix({ checkInAt: minutesFromStart(60), checkOutAt: minutesFromStart(30) }))
		).toEqual(times);
		expect(write(secretary, aFix({ outcome: 'absent', checkOutAt: undefined }))).toEqual(times);
	});

	it('keeps its id to its time, and its time not ahead of the clock', () => {
		const fix = aFix();
		expect(write(secretary, { ...fix, id: `${fix.id}0` })).toEqual(refused('invalid', 'id'));
		const ahead = aFix({ at: new Date(AFTER.getTime() + 10 * 60_000).toISOString() });
		expect(write(secretary, ahead)).toEqual(refused('invalid', 'clock ahead'));
	});

	it('cites the activity as it is: its community, host branch and start', () => {
		expect(write(secretary, aFix(), { subject: null })).toEqual(
			refused('subject-mismatch', 'activityId')
		);
		const moved = { ...activity, startsAt: minutesFromStart(30), _rev: '2-a' };
		expect(write(secretary, aFix(), { subject: moved })).toEqual(
			refused('subject-mismatch', 'activityStartsAt')
		);
		expect(write(secretary, aFix({ communityId: 'cm1' }))).toEqual(
			refused('subject-mismatch', 'communityId')
		);
	});

	it('resolves a recorded check-in of the same person (a no-show is no 需核实)', () => {
		const none = new Map<string, Record<string, unknown>>();
		expect(write(secretary, aFix(), { related: none })).toEqual(
			refused('subject-mismatch', 'check-in')
		);
		// A device may not hold the check-in: the gateway decides.
		expect(write(secretary, aFix(), { related: none, relatedComplete: false })).toEqual(ok);
		expect(write(secretary, aFix({ memberName: '李四' }))).toEqual(
			refused('subject-mismatch', 'memberName')
		);
		const elsewhere = new Map([[checkInKey, { ...checkIn, branchId: 'br2' }]]);
		expect(write(secretary, aFix(), { related: elsewhere })).toEqual(
			refused('subject-mismatch', 'branchId')
		);
		expect(attendanceId(activity.id, 'm001', 'in')).toBe(checkIn.id);
	});
});

describe('fixedAttendance', () => {
	const checkOut = aRecord('out', { hostBranchId: 'br1', at: minutesFromStart(120) });
	const other = aRecord('in', { memberId: 'm002', hostBranchId: 'br1' });

	it('drops the check-in and check-out of someone the latest fix marks absent', () => {
		const absent = aFix({ outcome: 'absent', checkInAt: undefined, checkOutAt: undefined });
		const docs = [checkIn, checkOut, other, absent];
		expect(fixedAttendance(docs).map((r) => r.id)).toEqual([other.id]);
	});

	it('applies corrected times, and a later fix over an earlier one', () => {
		const early = aFix({ outcome: 'absent', checkInAt: undefined, checkOutAt: undefined });
		const later = aFix({ at: new Date(AFTER.getTime() + 60_000).toISOString() });
		const fixed = fixedAttendance([checkIn, checkOut, early, later]);
		expect(fixed.map((r) => [r.kind, r.at])).toEqual([
			['in', later.checkInAt],
			['out', later.checkOutAt]
		]);
	});

	it('leaves records without a fix, and every other kind out', () => {
		const note = { kind: 'late-sync', id: 'x' };
		expect(fixedAttendance([checkIn, note])).toEqual([checkIn]);
	});
});
