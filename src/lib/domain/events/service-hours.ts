import { CLOCK_SKEW_FLAG_MS } from './check-in-window';
import type { Activity } from './activities';
import type { Attendance } from './attendance-record';
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

export type AttendanceFlag = 'no-check-out' | 'manual' | 'clock-skew';

export type AttendanceStatus = 'present' | 'late' | 'left-early' | 'no-show' | 'flagged';

export interface ServiceRecord {
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
}

/**
 * Actual service time only, travel excluded: from max(check-in, start) to min(check-out, end). A
 * person who never checked out is closed at the end and flagged for the organiser to confirm.
 */
export function serviceRecord(
	activity: Pick<Activity, 'startsAt' | 'endsAt'>,
	person: { memberId: string; memberName: string; branchId: string },
	checkIn: Attendance | null,
	checkOut: Attendance | null,
	rule: RoundingRule = DEFAULT_ROUNDING
): ServiceRecord {
	const base = { ...person, checkIn, checkOut };
	if (!checkIn) {
		return { ...base, status: 'no-show', late: false, leftEarly: false, flags: [], minutes: 0 };
	}
	const start = Date.parse(activity.startsAt);
	const end = Date.parse(activity.endsAt);
	const arrived = Date.parse(checkIn.at);
	const left = checkOut ? Math.max(Date.parse(checkOut.at), arrived) : end;
	const served = Math.max(0, Math.min(left, end) - Math.max(arrived, start));
	const flags: AttendanceFlag[] = [];
	if (!checkOut) flags.push('no-check-out');
	if (checkIn.method === 'manual' || checkOut?.method === 'manual') flags.push('manual');
	const skewed = [checkIn, checkOut].some(
		(r) => Math.abs(r?.clockSkewMs ?? 0) > CLOCK_SKEW_FLAG_MS
	);
	if (skewed) flags.push('clock-skew');
	const late = arrived > start + LATE_AFTER_MS;
	const leftEarly = checkOut !== null && left < end - EARLY_BEFORE_MS;
	const status: AttendanceStatus = flags.length
		? 'flagged'
		: late
			? 'late'
			: leftEarly
				? 'left-early'
				: 'present';
	return { ...base, status, late, leftEarly, flags, minutes: roundMinutes(served / 60_000, rule) };
}

/**
 * The attendance list of one activity: everyone expected (the host branch's members, for a
 * branch-wide activity), signed up or checked in, one row each, in name order.
 */
export function attendanceList(
	activity: Pick<Activity, 'id' | 'startsAt' | 'endsAt'>,
	records: readonly Attendance[],
	expected: readonly { memberId: string; memberName: string; branchId: string }[],
	rule: RoundingRule | RuleOf = DEFAULT_ROUNDING
): ServiceRecord[] {
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
			serviceRecord(
				activity,
				{ memberId: p.memberId, memberName: p.memberName, branchId: p.branchId },
				byKind.in.get(p.memberId) ?? null,
				byKind.out.get(p.memberId) ?? null,
				ruleOf(byKind.in.get(p.memberId)?.orgId ?? '')
			)
		)
		.sort((a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN'));
}

export interface AttendanceSummary {
	present: number;
	late: number;
	leftEarly: number;
	noShow: number;
	flagged: number;
	minutes: number;
}

export function summarizeAttendance(list: readonly ServiceRecord[]): AttendanceSummary {
	const summary = { present: 0, late: 0, leftEarly: 0, noShow: 0, flagged: 0, minutes: 0 };
	for (const row of list) {
		if (row.status === 'no-show') summary.noShow++;
		else summary.present++;
		if (row.late) summary.late++;
		if (row.leftEarly) summary.leftEarly++;
		if (row.flags.length) summary.flagged++;
		summary.minutes += row.minutes;
	}
	return summary;
}
