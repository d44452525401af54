import { describe, expect, it } from 'vitest';
import { attendanceId, type Attendance, type AttendanceKind } from './attendance-record';
import type { Org } from '../directory/orgs';
import type { LateSync } from './late-sync';
import { attendanceFixId, type AttendanceFix } from './attendance-fixes';
import {
	attendanceList,
	DEFAULT_ROUNDING,
	roundingRules,
	roundMinutes,
	attendanceRow,
	rowsOf,
	summarizeAttendance,
	type RoundingRule
} from './service-hours';

// 09:00–12:00 in Shanghai.
const activity = {
	id: 'act-1',
	startsAt: '2026-06-01T01:00:00.000Z',
	endsAt: '2026-06-01T04:00:00.000Z'
};
const START = Date.parse(activity.startsAt);
const minutesFromStart = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

const zhang = { memberId: 'm001', memberName: '张三', branchId: 'br1' };

function record(
	kind: AttendanceKind,
	minutes: number,
	overrides: Partial<Attendance> = {}
): Attendance {
	const memberId = overrides.memberId ?? zhang.memberId;
	return {
		id: attendanceId(overrides.activityId ?? activity.id, memberId, kind),
		kind,
		activityId: activity.id,
		communityId: 'cm2',
		memberId,
		memberName: zhang.memberName,
		branchId: 'br1',
		orgId: 'org-a',
		at: minutesFromStart(minutes),
		method: 'badge',
		recordedBy: 'community2',
		channels: [],
		...overrides
	};
}

const serve = (inAt: number | null, outAt: number | null, rule?: RoundingRule) =>
	attendanceRow(
		activity,
		zhang,
		inAt === null ? null : record('in', inAt),
		outAt === null ? null : record('out', outAt),
		{ rule }
	);

describe('roundMinutes', () => {
	const rule = (mode: RoundingRule['mode']): RoundingRule => ({ stepMinutes: 15, mode });

	it('rounds down to a quarter hour by default', () => {
		expect(DEFAULT_ROUNDING).toEqual({ stepMinutes: 15, mode: 'down' });
		expect(roundMinutes(59, DEFAULT_ROUNDING)).toBe(45);
		expect(roundMinutes(59.999, DEFAULT_ROUNDING)).toBe(45);
		expect(roundMinutes(60, DEFAULT_ROUNDING)).toBe(60);
		expect(roundMinutes(14.9, DEFAULT_ROUNDING)).toBe(0);
		expect(roundMinutes(0, DEFAULT_ROUNDING)).toBe(0);
	});

	it('rounds to the nearest step, halves up', () => {
		expect(roundMinutes(52.5, rule('nearest'))).toBe(60);
		expect(roundMinutes(52.4, rule('nearest'))).toBe(45);
		expect(roundMinutes(7.5, rule('nearest'))).toBe(15);
		expect(roundMinutes(7.4, rule('nearest'))).toBe(0);
		expect(roundMinutes(60, rule('nearest'))).toBe(60);
	});

	it('rounds up to the next step', () => {
		expect(roundMinutes(46, rule('up'))).toBe(60);
		expect(roundMinutes(45, rule('up'))).toBe(45);
		expect(roundMinutes(0.1, rule('up'))).toBe(15);
		expect(roundMinutes(0, rule('up'))).toBe(0);
	});

	it('is not pushed over a step by floating-point noise', () => {
		// 0.1 + 0.2 style errors: minutes computed from milliseconds.
		expect(roundMinutes((45 * 60_000 + 0.000001) / 60_000, rule('up'))).toBe(45);
		expect(roundMinutes((60 * 60_000 - 0.000001) / 60_000, rule('down'))).toBe(60);
	});

	it('takes other steps', () => {
		expect(roundMinutes(59, { stepMinutes: 30, mode: 'down' })).toBe(30);
		expect(roundMinutes(59, { stepMinutes: 1, mode: 'down' })).toBe(59);
		expect(roundMinutes(59, { stepMinutes: 60, mode: 'nearest' })).toBe(60);
	});

	it('never gives negative minutes', () => {
		expect(roundMinutes(-20, DEFAULT_ROUNDING)).toBe(0);
		expect(roundMinutes(-20, rule('nearest'))).toBe(0);
		expect(roundMinutes(-20, rule('up'))).toBe(0);
	});
});

describe('attendanceRow', () => {
	it('counts a full attendance as present, start to end', () => {
		const row = serve(0, 180);
		expect(row).toMatchObject({
			...zhang,
			status: 'present',
			late: false,
			leftEarly: false,
			flags: [],
			minutes: 180
		});
	});

	it('counts from the start for someone who arrived early (travel excluded)', () => {
		expect(serve(-45, 180).minutes).toBe(180);
		expect(serve(-45, 180).status).toBe('present');
	});

	it('counts to the end for someone who stayed late', () => {
		expect(serve(0, 240).minutes).toBe(180);
		expect(serve(-60, 240).minutes).toBe(180);
	});

	it('marks late only after more than ten minutes', () => {
		expect(serve(10, 180)).toMatchObject({ late: false, status: 'present', minutes: 165 });
		const late = serve(10.01, 180);
		expect(late).toMatchObject({ late: true, status: 'late' });
		expect(late.minutes).toBe(165);
		expect(serve(35, 180)).toMatchObject({ late: true, minutes: 135 });
	});

	it('marks leaving early only more than ten minutes before the end', () => {
		expect(serve(0, 170)).toMatchObject({ leftEarly: false, status: 'present', minutes: 165 });
		expect(serve(0, 169.99)).toMatchObject({ leftEarly: true, status: 'left-early' });
		expect(serve(0, 119)).toMatchObject({ leftEarly: true, minutes: 105 });
	});

	it('shows lateness before leaving early in the status, and keeps both marks', () => {
		expect(serve(30, 120)).toMatchObject({ status: 'late', late: true, leftEarly: true });
	});

	it('closes a missing check-out at the end and flags it', () => {
		const row = serve(5, null);
		expect(row).toMatchObject({
			status: 'flagged',
			flags: ['no-check-out'],
			leftEarly: false,
			checkOut: null,
			minutes: 165
		});
	});

	it('gives a no-show no minutes and no flags, even with a check-out', () => {
		expect(serve(null, null)).toMatchObject({ status: 'no-show', minutes: 0, flags: [] });
		expect(serve(null, 180)).toMatchObject({ status: 'no-show', minutes: 0, checkIn: null });
	});

	it('flags a manual check-in or check-out', () => {
		const manualIn = attendanceRow(
			activity,
			zhang,
			record('in', 0, { method: 'manual', reason: '手机没电' }),
			record('out', 180)
		);
		expect(manualIn).toMatchObject({ status: 'flagged', flags: ['manual'], minutes: 180 });
		const manualOut = attendanceRow(
			activity,
			zhang,
			record('in', 0),
			record('out', 180, { method: 'manual', reason: '忘记签退' })
		);
		expect(manualOut.flags).toEqual(['manual']);
	});

	it('flags a record from a device whose clock was off by more than two minutes', () => {
		const skewed = (clockSkewMs: number) =>
			attendanceRow(activity, zhang, record('in', 0, { clockSkewMs }), record('out', 180));
		expect(skewed(120_000).flags).toEqual([]);
		expect(skewed(-120_000).flags).toEqual([]);
		expect(skewed(120_001).flags).toEqual(['clock-skew']);
		expect(skewed(-120_001).flags).toEqual(['clock-skew']);
		const outSkewed = attendanceRow(
			activity,
			zhang,
			record('in', 0),
			record('out', 180, { clockSkewMs: -600_000 })
		);
		expect(outSkewed).toMatchObject({ status: 'flagged', flags: ['clock-skew'] });
	});

	it('lists every flag that applies, in a fixed order', () => {
		const row = attendanceRow(
			activity,
			zhang,
			record('in', 20, { method: 'manual', reason: '手机没电', clockSkewMs: 300_000 }),
			null
		);
		expect(row.flags).toEqual(['no-check-out', 'manual', 'clock-skew']);
		expect(row).toMatchObject({ status: 'flagged', late: true });
	});

	it('counts nothing when the check-out comes before the check-in', () => {
		const row = serve(60, 30);
		expect(row.minutes).toBe(0);
		expect(row.leftEarly).toBe(true);
	});

	it('counts nothing for a visit entirely before the start or after the end', () => {
		expect(serve(-50, -5).minutes).toBe(0);
		expect(serve(185, 230).minutes).toBe(0);
		expect(serve(185, null)).toMatchObject({ minutes: 0, late: true });
	});

	it('counts nothing for a check-in and check-out at the same moment', () => {
		expect(serve(60, 60).minutes).toBe(0);
	});

	it('applies the bureau’s rounding', () => {
		expect(serve(0, 59).minutes).toBe(45);
		expect(serve(0, 60).minutes).toBe(60);
		expect(serve(0, 52.5, { stepMinutes: 15, mode: 'nearest' }).minutes).toBe(60);
		expect(serve(0, 46, { stepMinutes: 15, mode: 'up' }).minutes).toBe(60);
	});

	it('keeps the records it was given', () => {
		const checkIn = record('in', 0);
		const checkOut = record('out', 180);
		const row = attendanceRow(activity, zhang, checkIn, checkOut);
		expect(row.checkIn).toBe(checkIn);
		expect(row.checkOut).toBe(checkOut);
	});
});

describe('attendanceList', () => {
	const li = { memberId: 'm002', memberName: '李四', branchId: 'br1' };
	const wang = { memberId: 'm003', memberName: '王五', branchId: 'br1' };
	const zhao = { memberId: 'm004', memberName: '赵六', branchId: 'br2' };
	const person = (p: typeof li) => ({ memberId: p.memberId, memberName: p.memberName });

	const records = [
		// 张三: expected, checked in and out.
		record('in', -5),
		record('out', 180),
		// 李四: expected, signed up, never came.
		record('signup', -1440, { ...person(li) }),
		// 赵六: not expected (another branch), signed up and came late without checking out.
		record('signup', -1440, { ...person(zhao), branchId: 'br2' }),
		record('in', 25, { ...person(zhao), branchId: 'br2', method: 'code' }),
		// Someone at another activity.
		record('in', 0, { memberId: 'm009', memberName: '孙七', activityId: 'act-2' })
	];

	const list = attendanceList(activity, records, [zhang, li, wang]);

	it('has one row for everyone expected, signed up or checked in, and no one else', () => {
		expect(list.map((r) => r.memberId).sort()).toEqual(['m001', 'm002', 'm003', 'm004']);
	});

	it('sorts the rows by name in Chinese order', () => {
		expect(list.map((r) => r.memberName)).toEqual(['李四', '王五', '张三', '赵六']);
	});

	it('gives each row its own status and hours', () => {
		const byId = new Map(list.map((r) => [r.memberId, r]));
		expect(byId.get('m001')).toMatchObject({ status: 'present', minutes: 180 });
		expect(byId.get('m002')).toMatchObject({ status: 'no-show', minutes: 0, checkIn: null });
		expect(byId.get('m003')).toMatchObject({ status: 'no-show', minutes: 0 });
		expect(byId.get('m004')).toMatchObject({
			status: 'flagged',
			late: true,
			flags: ['no-check-out'],
			minutes: 150,
			branchId: 'br2'
		});
	});

	it('does not treat a signup as a check-in', () => {
		expect(list.find((r) => r.memberId === 'm002')?.checkIn).toBeNull();
	});

	it('takes the name and branch of the expected list over a record’s', () => {
		const renamed = attendanceList(activity, [record('in', 0, { memberName: '张叁' })], [zhang]);
		expect(renamed).toHaveLength(1);
		expect(renamed[0]?.memberName).toBe('张三');
	});

	it('is empty with nobody expected and no records', () => {
		expect(attendanceList(activity, [], [])).toEqual([]);
	});

	it('uses the given rounding', () => {
		const half = attendanceList(activity, [record('in', 0), record('out', 52.5)], [zhang], {
			rule: { stepMinutes: 15, mode: 'nearest' }
		});
		expect(half[0]?.minutes).toBe(60);
	});
});

describe('summarizeAttendance', () => {
	const rows = [
		serve(0, 180),
		serve(30, 180),
		serve(0, 100),
		serve(30, 100),
		serve(0, null),
		serve(null, null),
		serve(null, null)
	];

	it('counts each row under one status only, so the figures add up to the list', () => {
		const summary = summarizeAttendance(rows);
		expect(summary).toEqual({
			present: 1,
			// Late and then early counts as late; no check-out after the end is to be checked.
			late: 2,
			leftEarly: 1,
			flagged: 1,
			notYet: 0,
			noShow: 2,
			checkedIn: 5,
			minutes: 180 + 150 + 90 + 60 + 180
		});
		const { present, late, leftEarly, flagged, notYet, noShow } = summary;
		expect(present + late + leftEarly + flagged + notYet + noShow).toBe(rows.length);
	});

	it('is all zeros for an empty list', () => {
		expect(summarizeAttendance([])).toEqual({
			present: 0,
			late: 0,
			leftEarly: 0,
			flagged: 0,
			notYet: 0,
			noShow: 0,
			checkedIn: 0,
			minutes: 0
		});
	});

	it('filters the rows of one status, or gives them all', () => {
		expect(rowsOf(rows, 'late')).toEqual([rows[1], rows[3]]);
		expect(rowsOf(rows, 'no-show')).toHaveLength(2);
		expect(rowsOf(rows, 'all')).toEqual(rows);
	});
});

describe('a list shown while the activity runs', () => {
	const during = new Date(START + 90 * 60_000);

	it('does not ask for a check-out before the end, and counts time up to now', () => {
		const row = attendanceRow(activity, zhang, record('in', 0), null, { now: during });
		expect(row).toMatchObject({ status: 'present', flags: [], minutes: 90 });
	});

	it('has those not checked in as not in yet, absent only once it is over', () => {
		const before = attendanceRow(activity, zhang, null, null, { now: during });
		const after = attendanceRow(activity, zhang, null, null, {
			now: new Date(START + 181 * 60_000)
		});
		expect([before.status, after.status]).toEqual(['not-yet', 'no-show']);
	});

	it('asks for it once the activity is over', () => {
		const after = new Date(START + 181 * 60_000);
		const row = attendanceRow(activity, zhang, record('in', 0), null, { now: after });
		expect(row).toMatchObject({ status: 'flagged', flags: ['no-check-out'], minutes: 180 });
	});

	it('shows a late arrival as late only, in the list and in the figures', () => {
		const list = attendanceList(activity, [record('in', 10.5)], [zhang], { now: during });
		expect(list.map((row) => row.status)).toEqual(['late']);
		expect(summarizeAttendance(list)).toMatchObject({ present: 0, late: 1, flagged: 0 });
	});
});

describe('roundingRules', () => {
	const bureau = (id: string, rule?: RoundingRule): Org => ({
		id,
		kind: 'bureau',
		name: id,
		...(rule ? { serviceRounding: rule } : {}),
		updatedAt: '2026-01-01T00:00:00.000Z',
		channels: ['public']
	});

	it('gives each member the rule of their own bureau, and the default where none is set', () => {
		const ruleOf = roundingRules([
			bureau('org-a', { stepMinutes: 30, mode: 'up' }),
			bureau('org-b')
		]);
		expect(ruleOf('org-a')).toEqual({ stepMinutes: 30, mode: 'up' });
		expect(ruleOf('org-b')).toEqual(DEFAULT_ROUNDING);
		expect(ruleOf('org-z')).toEqual(DEFAULT_ROUNDING);
	});

	it('rounds each row of an attendance list by its member’s bureau', () => {
		const twoHours = {
			id: 'act',
			startsAt: '2026-06-01T02:00:00.000Z',
			endsAt: '2026-06-01T04:00:00.000Z'
		};
		const record = (memberId: string, orgId: string, kind: 'in' | 'out', at: string) =>
			({
				id: `act.${memberId}.${kind}`,
				kind,
				activityId: 'act',
				communityId: 'cm1',
				memberId,
				memberName: memberId,
				branchId: 'br1',
				orgId,
				at,
				method: 'manual',
				reason: 'x',
				recordedBy: 's',
				channels: []
			}) as Attendance;
		const records = [
			record('a', 'org-a', 'in', '2026-06-01T02:00:00.000Z'),
			record('a', 'org-a', 'out', '2026-06-01T02:50:00.000Z'),
			record('b', 'org-b', 'in', '2026-06-01T02:00:00.000Z'),
			record('b', 'org-b', 'out', '2026-06-01T02:50:00.000Z')
		];
		const ruleOf = roundingRules([bureau('org-a', { stepMinutes: 30, mode: 'up' })]);
		const minutes = attendanceList(twoHours, records, [], { rule: ruleOf }).map(
			(row) => row.minutes
		);
		expect(minutes).toEqual([60, 45]);
	});
});

describe('a self-scan the server received late', () => {
	const late = (of: 'in' | 'out', minutes: number): LateSync => ({
		id: `act-1.m001.${of}.late`,
		kind: 'late-sync',
		of,
		activityId: activity.id,
		communityId: 'cm2',
		memberId: zhang.memberId,
		branchId: 'br1',
		orgId: 'org-a',
		at: minutesFromStart(minutes),
		receivedAt: minutesFromStart(minutes + 120),
		channels: []
	});
	const checkIn = record('in', -5, { method: 'code' });
	const checkOut = record('out', 180, { method: 'code' });

	it('flags the row for a look, whichever of its records the note is of', () => {
		for (const note of [late('in', -5), late('out', 180)]) {
			const [row] = attendanceList(activity, [checkIn, checkOut, note], [zhang]);
			expect(row).toMatchObject({ status: 'flagged', flags: ['late-sync'], minutes: 180 });
		}
	});

	it('ignores a note of another version of the record', () => {
		const [row] = attendanceList(activity, [checkIn, checkOut, late('in', -20)], [zhang]);
		expect(row).toMatchObject({ status: 'present', flags: [] });
	});

	it('never counts a note as a record of its own', () => {
		const list = attendanceList(activity, [late('in', -5)], []);
		expect(list).toEqual([]);
	});
});

describe('a 需核实 resolved by an organiser', () => {
	const AFTER = new Date(START + 240 * 60_000);
	const fix = (overrides: Partial<AttendanceFix> = {}): AttendanceFix => ({
		id: attendanceFixId(activity.id, zhang.memberId, AFTER),
		kind: 'fix',
		activityId: activity.id,
		activityStartsAt: activity.startsAt,
		communityId: 'cm2',
		memberId: zhang.memberId,
		memberName: zhang.memberName,
		branchId: 'br1',
		orgId: 'org-a',
		outcome: 'present',
		reason: '本人在场',
		recordedBy: 'community2',
		at: AFTER.toISOString(),
		channels: [],
		...overrides
	});
	const manualIn = record('in', 0, { method: 'manual', reason: '忘带证件' });

	it('clears the flags and counts the corrected times', () => {
		const resolved = fix({ checkInAt: minutesFromStart(20), checkOutAt: minutesFromStart(150) });
		const row = attendanceRow(activity, zhang, manualIn, null, { fix: resolved });
		expect(row).toMatchObject({
			status: 'late',
			flags: [],
			minutes: 120,
			late: true,
			leftEarly: true
		});
		expect(row.fix).toBe(resolved);
		expect(row.checkIn?.at).toBe(minutesFromStart(20));
		expect(row.checkOut).toMatchObject({ kind: 'out', at: minutesFromStart(150) });
	});

	it('keeps the recorded times it does not correct', () => {
		const row = attendanceRow(activity, zhang, manualIn, record('out', 170), { fix: fix() });
		expect(row).toMatchObject({ status: 'present', flags: [], minutes: 165 });
		expect(row.checkIn?.at).toBe(minutesFromStart(0));
		// No check-out and none given: closed at the end, as confirmed.
		expect(attendanceRow(activity, zhang, manualIn, null, { fix: fix() })).toMatchObject({
			status: 'present',
			flags: [],
			minutes: 180
		});
	});

	it('counts someone found absent as absent, with no time', () => {
		const absent = fix({ outcome: 'absent' });
		const row = attendanceRow(activity, zhang, manualIn, record('out', 180), { fix: absent });
		expect(row).toMatchObject({ status: 'no-show', flags: [], minutes: 0, fix: absent });
		const summary = summarizeAttendance([row]);
		expect(summary).toMatchObject({ noShow: 1, checkedIn: 0, minutes: 0 });
	});

	it('applies the latest resolution of each member among the list’s documents', () => {
		const first = fix({ outcome: 'absent' });
		const second = fix({
			id: attendanceFixId(activity.id, zhang.memberId, new Date(AFTER.getTime() + 1000)),
			at: new Date(AFTER.getTime() + 1000).toISOString(),
			checkOutAt: minutesFromStart(90)
		});
		const docs = [manualIn, second, first];
		const [row] = attendanceList(activity, docs, [zhang]);
		expect(row).toMatchObject({ status: 'left-early', flags: [], minutes: 90, fix: second });
		const other = fix({ memberId: 'm002' });
		expect(attendanceList(activity, [manualIn, other], [zhang])[0]).toMatchObject({
			status: 'flagged',
			flags: ['no-check-out', 'manual']
		});
	});

	it('needs a check-in to resolve: a no-show stays one', () => {
		expect(attendanceRow(activity, zhang, null, null, { fix: fix() })).toMatchObject({
			status: 'no-show',
			minutes: 0
		});
	});
});
