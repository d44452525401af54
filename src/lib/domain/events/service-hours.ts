import { CLOCK_SKEW_FLAG_MS } from './check-in-window';
import type { Activity } from './activities';
import { attendanceId, isAttendanceRecord, type Attendance } from './attendance-record';
import { isLateSync, isLateSyncOf, type LateSync } from './late-sync';
import { isAttendanceFix, latestFix, type AttendanceFix } from './attendance-fixes';
import type { Org } from '../directory/orgs';

/** How a bureau rounds service time; by default down to whole quarter hours. */
export interface RoundingRule {
	stepMinutes: number;
	mode: 'down' | 'nearest' | 'up';
}

export const DEFAULT_ROUNDING: RoundingRule = { stepMinutes: 15, mode: 'down' };

/** Each member's service time is rounded by the rule of their own bureau. */
export type RuleOf = (orgId: string) => RoundingRule;

/** The rounding rules the bureaus set (on their `orgs` document); the default elsewhere. */
export function roundingRules(orgs: readonly Org[]): RuleOf {
	const rules = new Map(
		orgs.flatMap((org) =>
			org.kind === 'bureau' && org.serviceRounding ? [[org.id, org.serviceRounding] as const] : []
		)
	);
	return (orgId) => rules.get(orgId) ?? DEFAULT_ROUNDING;
}

export function roundMinutes(minutes: number, rule: RoundingRule): number {
	const steps = minutes / rule.stepMinutes;
	const whole =
		rule.mode === 'down'
			? Math.floor(steps + 1e-9)
			: rule.mode === 'up'
				? Math.ceil(steps - 1e-9)
				: Math.round(steps);
	return Math.max(0, whole * rule.stepMinutes);
}

/** Arriving this much after the start is late; leaving this much before the end is early. */
export const LATE_AFTER_MS = 10 * 60_000;
export const EARLY_BEFORE_MS = 10 * 60_000;

export type AttendanceFlag = 'no-check-out' | 'manual' | 'clock-skew' | 'late-sync';

/**
 * `not-yet`: no check-in while the activity has not ended; `no-show` once it has, or when a
 * 需核实 resolution found the person checked in was not there.
 */
export type AttendanceStatus =
	'present' | 'late' | 'left-early' | 'not-yet' | 'no-show' | 'flagged';

export interface AttendanceRow {
	memberId: string;
	memberName: string;
	branchId: string;
	status: AttendanceStatus;
	late: boolean;
	leftEarly: boolean;
	flags: AttendanceFlag[];
	checkIn: Attendance | null;
	checkOut: Attendance | null;
	/** Service time counted, after rounding (0 for a no-show). */
	minutes: number;
	/** The 需核实 resolution applied: its times replace the recorded ones, and nothing is flagged. */
	fix?: AttendanceFix;
}

/** What a row of the list is judged by besides the records themselves. */
export interface ServiceOptions {
	rule?: RoundingRule;
	/** The server's notes of self-scans that reached it late. */
	lateSyncs?: readonly LateSync[];
	/** The time the list is shown: before the end, nobody is missing a check-out yet. */
	now?: Date;
	/** The organiser's resolution of the member's 需核实, if any (`latestFix`). */
	fix?: AttendanceFix | null;
}

/** The records as a resolution corrected them: its times, the recorded ones otherwise. */
function corrected(
	checkIn: Attendance,
	checkOut: Attendance | null,
	fix: AttendanceFix
): [Attendance, Attendance | null] {
	const inAt = fix.checkInAt ?? checkIn.at;
	const outAt = fix.checkOutAt ?? checkOut?.at;
	const out = outAt
		? {
				...(checkOut ?? {
					...checkIn,
					id: attendanceId(checkIn.activityId, checkIn.memberId, 'out')
				}),
				kind: 'out' as const,
				at: outAt
			}
		: null;
	return [{ ...checkIn, at: inAt }, out];
}

/**
 * Actual service time only, travel excluded: from max(check-in, start) to min(check-out, end). A
 * person who never checked out is closed at the end and, once it is over, flagged for the
 * organiser to confirm; while it runs, their time counts up to now.
 */
export function attendanceRow(
	activity: Pick<Activity, 'startsAt' | 'endsAt'>,
	person: { memberId: string; memberName: string; branchId: string },
	checkIn: Attendance | null,
	checkOut: Attendance | null,
	{ rule = DEFAULT_ROUNDING, lateSyncs = [], now, fix }: ServiceOptions = {}
): AttendanceRow {
	const base = { ...person, checkIn, checkOut };
	const start = Date.parse(activity.startsAt);
	const end = Date.parse(activity.endsAt);
	const running = now !== undefined && now.getTime() < end;
	if (!checkIn) {
		const status = running ? 'not-yet' : 'no-show';
		return { ...base, status, late: false, leftEarly: false, flags: [], minutes: 0 };
	}
	if (fix) {
		if (fix.outcome === 'absent') {
			return {
				...base,
				status: 'no-show',
				late: false,
				leftEarly: false,
				flags: [],
				minutes: 0,
				fix
			};
		}
		// Confirmed by whoever answers for the list: its times stand, and it needs no look any more.
		const [fixedIn, fixedOut] = corrected(checkIn, checkOut, fix);
		const row = attendanceRow(activity, person, fixedIn, fixedOut, { rule, now });
		const status = row.late ? 'late' : row.leftEarly ? 'left-early' : 'present';
		return { ...row, status, flags: [], fix };
	}
	const arrived = Date.parse(checkIn.at);
	const openUntil = running ? now.getTime() : end;
	const left = Math.max(checkOut ? Date.parse(checkOut.at) : openUntil, arrived);
	const served = Math.max(0, Math.min(left, end) - Math.max(arrived, start));
	const flags: AttendanceFlag[] = [];
	if (!checkOut && !running) flags.push('no-check-out');
	if (checkIn.method === 'manual' || checkOut?.method === 'manual') flags.push('manual');
	const skewed = [checkIn, checkOut].some(
		(r) => Math.abs(r?.clockSkewMs ?? 0) > CLOCK_SKEW_FLAG_MS
	);
	if (skewed) flags.push('clock-skew');
	// Self-scans the server received long after their time: the time is only the phone's word.
	const syncedLate = lateSyncs.some(
		(note) => isLateSyncOf(note, checkIn) || isLateSyncOf(note, checkOut)
	);
	if (syncedLate) flags.push('late-sync');
	const arrivedLate = arrived > start + LATE_AFTER_MS;
	const leftEarly = checkOut !== null && left < end - EARLY_BEFORE_MS;
	// One status a row: what needs the organiser first, then what the times say.
	const status: AttendanceStatus = flags.length
		? 'flagged'
		: arrivedLate
			? 'late'
			: leftEarly
				? 'left-early'
				: 'present';
	return {
		...base,
		status,
		late: arrivedLate,
		leftEarly,
		flags,
		minutes: roundMinutes(served / 60_000, rule)
	};
}

/**
 * The attendance list of one activity: everyone expected (the host branch's members, for a
 * branch-wide activity), signed up or checked in, one row each, in name order. `docs` are what the
 * attendance collection holds of it: records and the server's notes about them (claims of service
 * items, kept in the same collection, are no records of an activity and are left out).
 */
export function attendanceList(
	activity: Pick<Activity, 'id' | 'startsAt' | 'endsAt'>,
	docs: readonly { kind?: unknown }[],
	expected: readonly { memberId: string; memberName: string; branchId: string }[],
	{ rule = DEFAULT_ROUNDING, now }: { rule?: RoundingRule | RuleOf; now?: Date } = {}
): AttendanceRow[] {
	const records = docs.filter(isAttendanceRecord);
	const lateSyncs = docs.filter(isLateSync);
	const fixes = docs.filter(isAttendanceFix);
	const ruleOf = typeof rule === 'function' ? rule : () => rule;
	const people = new Map(expected.map((p) => [p.memberId, p]));
	const byKind = { in: new Map<string, Attendance>(), out: new Map<string, Attendance>() };
	for (const record of records) {
		if (record.activityId !== activity.id) continue;
		if (!people.has(record.memberId)) people.set(record.memberId, record);
		if (record.kind !== 'signup') byKind[record.kind].set(record.memberId, record);
	}
	return [...people.values()]
		.map((p) =>
			attendanceRow(
				activity,
				{ memberId: p.memberId, memberName: p.memberName, branchId: p.branchId },
				byKind.in.get(p.memberId) ?? null,
				byKind.out.get(p.memberId) ?? null,
				{
					rule: ruleOf(byKind.in.get(p.memberId)?.orgId ?? ''),
					lateSyncs,
					now,
					fix: latestFix(fixes, activity.id, p.memberId)
				}
			)
		)
		.sort((a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN'));
}

/**
 * How many rows of each status — each row in exactly one, so the figures add up to the list — and
 * how many people checked in at all, with the minutes counted.
 */
export interface AttendanceSummary {
	present: number;
	late: number;
	leftEarly: number;
	flagged: number;
	notYet: number;
	noShow: number;
	checkedIn: number;
	minutes: number;
}

export function summarizeAttendance(list: readonly AttendanceRow[]): AttendanceSummary {
	const summary: AttendanceSummary = {
		present: 0,
		late: 0,
		leftEarly: 0,
		flagged: 0,
		notYet: 0,
		noShow: 0,
		checkedIn: 0,
		minutes: 0
	};
	const field = {
		present: 'present',
		late: 'late',
		'left-early': 'leftEarly',
		flagged: 'flagged',
		'not-yet': 'notYet',
		'no-show': 'noShow'
	} as const satisfies Record<AttendanceStatus, keyof AttendanceSummary>;
	for (const row of list) {
		summary[field[row.status]]++;
		// Someone a resolution found absent was checked in by mistake: not there.
		if (row.checkIn && row.fix?.outcome !== 'absent') summary.checkedIn++;
		summary.minutes += row.minutes;
	}
	return summary;
}

/** The rows of one status, or all: the list's filter. */
export function rowsOf(
	list: readonly AttendanceRow[],
	status: AttendanceStatus | 'all'
): AttendanceRow[] {
	return status === 'all' ? [...list] : list.filter((row) => row.status === status);
}
