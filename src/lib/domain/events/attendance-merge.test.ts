import { describe, expect, it } from 'vitest';
import { isAttendanceWinner, mergeAttendance } from './attendance-merge';
import { attendanceId, type Attendance, type AttendanceKind } from './attendance-record';

function record(kind: AttendanceKind, overrides: Partial<Attendance> = {}): Attendance {
	return {
		id: attendanceId('act-1', 'm001', kind),
		kind,
		activityId: 'act-1',
		communityId: 'cm2',
		memberId: 'm001',
		memberName: '张三',
		branchId: 'br1',
		orgId: 'org-a',
		at: '2026-06-01T01:00:00.000Z',
		method: 'badge',
		proof: 'B1~token',
		recordedBy: 'community2',
		channels: ['branch:br1', 'bureau:org-a', 'community:cm2', 'member:m001'],
		...overrides
	};
}

/** Both orders, so every expectation also checks that the merge is symmetric. */
function mergedBothWays(a: Attendance, b: Attendance): Attendance {
	const ab = mergeAttendance(a, b);
	expect(mergeAttendance(b, a)).toEqual(ab);
	return ab;
}

describe('mergeAttendance', () => {
	it('keeps the earliest check-in', () => {
		const early = record('in', { at: '2026-06-01T00:58:00.000Z', recordedBy: 'zz-organiser' });
		const late = record('in', { at: '2026-06-01T01:02:00.000Z', recordedBy: 'aa-organiser' });
		expect(mergedBothWays(early, late)).toBe(early);
	});

	it('keeps the latest check-out', () => {
		const early = record('out', { at: '2026-06-01T03:50:00.000Z' });
		const late = record('out', { at: '2026-06-01T04:05:00.000Z', method: 'manual' });
		expect(mergedBothWays(early, late)).toBe(late);
	});

	it('decides by the instant, not by how it is written', () => {
		const utc = record('in', { at: '2026-06-01T01:00:00.001Z', recordedBy: 'a' });
		const shanghai = record('in', { at: '2026-06-01T09:00:00.000+08:00', recordedBy: 'b' });
		expect(mergedBothWays(utc, shanghai)).toBe(shanghai);
	});

	it('breaks a tie in time by the stronger proof: badge, code, typed, manual', () => {
		const methods = ['manual', 'typed', 'code', 'badge'] as const;
		const records = methods.map((method) => record('in', { method, recordedBy: method }));
		for (let i = 0; i < records.length; i++) {
			for (let j = i + 1; j < records.length; j++) {
				const [weaker, stronger] = [records[i], records[j]] as [Attendance, Attendance];
				expect(mergedBothWays(weaker, stronger)).toBe(stronger);
			}
		}
	});

	it('ranks a record without a method as manual', () => {
		const bare = record('in', { recordedBy: 'a' });
		delete bare.method;
		const manual = record('in', { method: 'manual', recordedBy: 'b' });
		const typed = record('in', { method: 'typed', recordedBy: 'z' });
		expect(mergedBothWays(bare, manual)).toBe(bare);
		expect(mergedBothWays(bare, typed)).toBe(typed);
	});

	it('breaks a tie in time and proof by the recorder’s name', () => {
		const a = record('out', { recordedBy: 'community2' });
		const b = record('out', { recordedBy: 'secretary1' });
		expect(mergedBothWays(a, b)).toBe(a);
	});

	it('breaks a full tie by the content, so both devices keep the same one', () => {
		const a = record('in', { proof: 'B1~token-a' });
		const b = record('in', { proof: 'B1~token-b' });
		expect(mergedBothWays(a, b)).toBe(a);
		const skewed = record('in', { clockSkewMs: 1000 });
		expect(mergedBothWays(record('in'), skewed)).toEqual(mergeAttendance(skewed, record('in')));
	});

	it('is idempotent', () => {
		const a = record('in', { at: '2026-06-01T00:58:00.000Z' });
		const b = record('in');
		expect(mergeAttendance(a, a)).toBe(a);
		const once = mergeAttendance(a, b);
		expect(mergeAttendance(once, b)).toBe(once);
		expect(mergeAttendance(once, a)).toEqual(once);
	});

	it('gives the same result in any order of three devices', () => {
		const docs = [
			record('in', { at: '2026-06-01T01:01:00.000Z', recordedBy: 'o1' }),
			record('in', { at: '2026-06-01T01:00:00.000Z', method: 'code', recordedBy: 'member1' }),
			record('in', { at: '2026-06-01T01:00:00.000Z', method: 'badge', recordedBy: 'o2' })
		] as const;
		const orders = [
			[0, 1, 2],
			[0, 2, 1],
			[1, 0, 2],
			[1, 2, 0],
			[2, 0, 1],
			[2, 1, 0]
		];
		const results = orders.map((order) =>
			order.map((i) => docs[i as 0 | 1 | 2]).reduce((kept, doc) => mergeAttendance(kept, doc))
		);
		for (const result of results) expect(result).toBe(docs[2]);
	});

	it('ignores storage fields such as _rev and _meta', () => {
		const stored = { ...record('in'), _rev: '3-ccc', _meta: { lwt: 3 } } as Attendance;
		const pushed = { ...record('in'), _rev: '1-aaa', _meta: { lwt: 1 } } as Attendance;
		expect(isAttendanceWinner(pushed, stored)).toBe(false);
		expect(isAttendanceWinner(stored, pushed)).toBe(false);
		const later = { ...record('in', { at: '2026-06-01T01:00:01.000Z' }), _rev: '0-a' };
		expect(mergedBothWays(stored, later as Attendance)).toBe(stored);
	});

	it('ignores the order of the fields', () => {
		const a = record('in');
		const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as Attendance;
		expect(isAttendanceWinner(reordered, a)).toBe(false);
		expect(isAttendanceWinner(a, reordered)).toBe(false);
	});
});

describe('isAttendanceWinner', () => {
	it('is false for an identical record, so a replay changes nothing', () => {
		expect(isAttendanceWinner(record('in'), record('in'))).toBe(false);
		expect(isAttendanceWinner(record('out'), record('out'))).toBe(false);
	});

	it('is true for an earlier check-in and false for a later one', () => {
		const stored = record('in');
		expect(isAttendanceWinner(record('in', { at: '2026-06-01T00:59:59.999Z' }), stored)).toBe(true);
		expect(isAttendanceWinner(record('in', { at: '2026-06-01T01:00:00.001Z' }), stored)).toBe(
			false
		);
	});

	it('is true for a later check-out and false for an earlier one', () => {
		const stored = record('out');
		expect(isAttendanceWinner(record('out', { at: '2026-06-01T01:00:00.001Z' }), stored)).toBe(
			true
		);
		expect(isAttendanceWinner(record('out', { at: '2026-06-01T00:59:59.999Z' }), stored)).toBe(
			false
		);
	});

	it('is true for a stronger proof of the same moment, and exactly one of two differing records wins', () => {
		const manual = record('in', { method: 'manual', reason: '手机没电' });
		const badge = record('in');
		expect(isAttendanceWinner(badge, manual)).toBe(true);
		expect(isAttendanceWinner(manual, badge)).toBe(false);
	});
});
