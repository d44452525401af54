import { describe, expect, it } from 'vitest';
import { checkWrite } from '../access/write-policy';
import { attendanceChannels, attendanceId, type Attendance } from './attendance-record';
import { attendance } from './attendance';
import { isLateSyncOf, LATE_SYNC_FLAG_MS, lateSyncId, lateSyncNote } from './late-sync';

const AT = '2026-06-01T01:30:00.000Z';
const after = (ms: number) => new Date(Date.parse(AT) + ms);

function checkIn(overrides: Partial<Attendance> = {}): Attendance {
	const record: Attendance = {
		id: attendanceId('act-1', 'm001', overrides.kind ?? 'in'),
		kind: 'in',
		activityId: 'act-1',
		communityId: 'cm1',
		hostBranchId: 'br2',
		memberId: 'm001',
		memberName: '张三',
		branchId: 'br1',
		orgId: 'org-a',
		at: AT,
		method: 'code',
		proof: 'A1~act-1~1~sig',
		recordedBy: 'member1',
		channels: [],
		...overrides
	};
	return { ...record, channels: attendanceChannels(record) };
}

describe('lateSyncNote', () => {
	it('notes a self-scan that arrives later than the window, with the check-in’s readers', () => {
		const record = checkIn();
		const note = lateSyncNote(record, null, after(LATE_SYNC_FLAG_MS + 1));
		expect(note).toEqual({
			id: lateSyncId(record),
			kind: 'late-sync',
			of: 'in',
			activityId: 'act-1',
			communityId: 'cm1',
			hostBranchId: 'br2',
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-a',
			at: AT,
			receivedAt: after(LATE_SYNC_FLAG_MS + 1).toISOString(),
			channels: record.channels
		});
		expect(note?.id).toBe(`act-1.m001.in.late.${Date.parse(AT)}`);
	});

	it('notes a late check-out too, and leaves out a host branch the activity has not', () => {
		const rest = checkIn({ kind: 'out', hostBranchId: undefined });
		const note = lateSyncNote(rest, null, after(LATE_SYNC_FLAG_MS + 1));
		expect(note).toMatchObject({ of: 'out', id: `act-1.m001.out.late.${Date.parse(AT)}` });
		expect(note).not.toHaveProperty('hostBranchId');
		expect(note?.channels).toEqual(attendanceChannels(rest));
	});

	it('says nothing of a self-scan within the window', () => {
		expect(lateSyncNote(checkIn(), null, after(LATE_SYNC_FLAG_MS))).toBeNull();
		expect(lateSyncNote(checkIn(), null, after(0))).toBeNull();
	});

	it('says nothing of what an organiser recorded, or of a sign-up', () => {
		const late = after(24 * 3_600_000);
		for (const method of ['badge', 'typed', 'manual'] as const) {
			expect(lateSyncNote(checkIn({ method, recordedBy: 'community1' }), null, late)).toBeNull();
		}
		const signup = checkIn({ kind: 'signup', method: undefined });
		expect(lateSyncNote(signup, null, late)).toBeNull();
	});

	it('notes a new version of the record, not the same one sent again', () => {
		const late = after(LATE_SYNC_FLAG_MS + 1);
		expect(lateSyncNote(checkIn(), checkIn(), late)).toBeNull();
		const earlier = checkIn({ at: new Date(Date.parse(AT) - 60_000).toISOString() });
		expect(lateSyncNote(earlier, checkIn(), late)).not.toBeNull();
		// A member's scan replacing an organiser's record of the same minute is new.
		expect(lateSyncNote(checkIn(), checkIn({ method: 'manual' }), late)).not.toBeNull();
	});

	it('is what the attendance kind gives the gateway to keep beside an accepted write', () => {
		const late = after(LATE_SYNC_FLAG_MS + 1);
		expect(attendance.serverNotesOf?.(checkIn(), null, late)).toEqual([
			lateSyncNote(checkIn(), null, late)
		]);
		expect(attendance.serverNotesOf?.(checkIn(), null, after(0))).toEqual([]);
	});
});

describe('isLateSyncOf', () => {
	const note = lateSyncNote(checkIn(), null, after(LATE_SYNC_FLAG_MS + 1));
	if (!note) throw new Error('no note');

	it('matches the very version the note was made for', () => {
		expect(isLateSyncOf(note, checkIn())).toBe(true);
		// The same instant written another way is the same time.
		expect(isLateSyncOf(note, checkIn({ at: '2026-06-01T09:30:00+08:00' }))).toBe(true);
	});

	it('does not match another time, kind, member or activity, or no record', () => {
		expect(isLateSyncOf(note, checkIn({ at: '2026-06-01T01:29:00.000Z' }))).toBe(false);
		expect(isLateSyncOf(note, checkIn({ kind: 'out' }))).toBe(false);
		expect(isLateSyncOf(note, checkIn({ memberId: 'm002' }))).toBe(false);
		expect(isLateSyncOf(note, checkIn({ activityId: 'act-2' }))).toBe(false);
		expect(isLateSyncOf(note, null)).toBe(false);
	});
});

describe('the late-sync kind', () => {
	it('is written by the server only', () => {
		const note = lateSyncNote(checkIn(), null, after(LATE_SYNC_FLAG_MS + 1));
		const verdict = checkWrite({
			collection: 'attendance',
			actor: { username: 'member1', memberId: 'm001', branchId: 'br1', orgId: 'org-a', roles: [] },
			prev: null,
			next: note as unknown as Parameters<typeof checkWrite>[0]['next'],
			deleting: false,
			subject: null,
			related: new Map(),
			now: after(0)
		});
		expect(verdict).toEqual({ ok: false, reason: 'server-owned' });
	});
});
