/**
 * Activities and attendance for the events tests (test fixtures; only `*.test.ts` files import
 * this). Community cm2's staff (community2) hold its own activities; branch br1, linked to cm2,
 * holds its party days there, run by its secretary (secretary1).
 */
import type { Activity, Attendance, AttendanceKind } from '../lib/domain/registry';
import { attendanceId } from '../lib/domain/registry';

/** 09:00–12:00 on 1 June 2026 in Shanghai. */
export const STARTS = new Date('2026-06-01T01:00:00.000Z');
export const ENDS = new Date('2026-06-01T04:00:00.000Z');

/** A volunteer activity of cm2, open to sign-ups, created by its staff. */
export function anActivity(overrides: Partial<Activity> = {}): Activity {
	return {
		id: 'act-mr8x2k4q1z',
		type: 'volunteer',
		title: '社区环境整治',
		communityId: 'cm2',
		place: '幸福路社区广场',
		startsAt: STARTS.toISOString(),
		endsAt: ENDS.toISOString(),
		expected: 'signup',
		organisers: ['community2'],
		publicKey: '0'.repeat(64),
		createdBy: 'community2',
		updatedAt: '2026-05-20T08:00:00.000Z',
		channels: ['public'],
		...overrides
	};
}

/** br1's themed party day in cm2, for the whole branch, created by its secretary. */
export function aBranchActivity(overrides: Partial<Activity> = {}): Activity {
	return anActivity({
		type: 'party-day',
		title: '“党旗映天山”主题党日',
		hostBranchId: 'br1',
		expected: 'branch',
		organisers: ['secretary1'],
		createdBy: 'secretary1',
		...overrides
	});
}

/** A sign-up, check-in or check-out of member m001 (of br1, org-a) at `anActivity()`. */
export function aRecord(kind: AttendanceKind, overrides: Partial<Attendance> = {}): Attendance {
	const activityId = overrides.activityId ?? 'act-mr8x2k4q1z';
	const memberId = overrides.memberId ?? 'm001';
	return {
		id: attendanceId(activityId, memberId, kind),
		kind,
		activityId,
		communityId: 'cm2',
		memberId,
		memberName: '党员m001',
		branchId: 'br1',
		orgId: 'org-a',
		at: STARTS.toISOString(),
		...(kind === 'signup' ? {} : { method: 'badge' as const }),
		recordedBy: 'community2',
		channels: [],
		...overrides
	};
}
