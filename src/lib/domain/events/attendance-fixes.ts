import { ACCEPT, reject, type Verdict } from '../access/write-verdict';
import type { Actor } from '../access/roles';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';
import type { Activity } from './activities';
import { seesAttendanceList } from './activity-roles';
import { citedActivity, isVerdict } from './activity-records';
import {
	attendanceChannels,
	attendanceId,
	isAttendanceRecord,
	type Attendance
} from './attendance-record';
import { checkInWindowProblem, CLOCK_AHEAD_TOLERANCE_MS } from './check-in-window';

/**
 * An organiser's or the host secretary's resolution of a 需核实 (flagged) attendance: present with
 * corrected times, or absent, always with a reason (kind `fix` of `attendance`). Append-only, one
 * document per resolution (`attendanceFixId`), so two devices never conflict and the history stays;
 * the latest (by `at`, then id) applies.
 */
export interface AttendanceFix {
	id: string;
	kind: 'fix';
	activityId: string;
	/** The activity's start: the fix travels in the channels of the activity's year. */
	activityStartsAt: string;
	communityId: string;
	hostBranchId?: string;
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
	outcome: 'present' | 'absent';
	/** For `present`: the corrected times (each optional: the recorded one stands otherwise). */
	checkInAt?: string;
	checkOutAt?: string;
	reason: string;
	recordedBy: string;
	at: string;
	channels: string[];
}

/**
 * The longest reason: the record's trail carries it whole (a trail entry's reason is at most
 * 200 characters), like a manual check-in's.
 */
export const MAX_FIX_REASON = 200;

/** `stamp`: the resolution's time in base 36 milliseconds, made on the resolving device. */
export function attendanceFixId(activityId: string, memberId: string, at: Date): string {
	return `${activityId}.${memberId}.fix.${at.getTime().toString(36)}`;
}

export function isAttendanceFix(doc: { kind?: unknown }): doc is AttendanceFix {
	return doc.kind === 'fix';
}

/** The resolution that stands for a member at an activity: the latest by `at`, then by id. */
export function latestFix(
	fixes: readonly AttendanceFix[],
	activityId: string,
	memberId: string
): AttendanceFix | null {
	let latest: AttendanceFix | null = null;
	for (const fix of fixes) {
		if (fix.activityId !== activityId || fix.memberId !== memberId) continue;
		const time = Date.parse(fix.at);
		const latestTime = latest ? Date.parse(latest.at) : -Infinity;
		if (!latest || time > latestTime || (time === latestTime && fix.id > latest.id)) latest = fix;
	}
	return latest;
}

/**
 * The records of people at activities as their resolutions leave them: the check-in and check-out
 * of someone marked absent dropped, corrected times applied. A member's year (R8, R16, service
 * time) counts from these, so it agrees with the records the worker derives.
 */
export function fixedAttendance(docs: readonly { kind?: unknown }[]): Attendance[] {
	const records = docs.filter(isAttendanceRecord);
	const fixes = docs.filter(isAttendanceFix);
	if (fixes.length === 0) return records;
	return records.flatMap((record) => {
		if (record.kind === 'signup') return [record];
		const fix = latestFix(fixes, record.activityId, record.memberId);
		if (!fix) return [record];
		if (fix.outcome === 'absent') return [];
		const at = record.kind === 'in' ? fix.checkInAt : fix.checkOutAt;
		return [at ? { ...record, at } : record];
	});
}

/**
 * Who resolves 需核实 at an activity: whoever answers for its attendance list — its organisers and
 * the host branch's secretary — while it is not cancelled (a cancelled one counts nobody).
 */
export function mayResolveAttendance(
	actor: Actor,
	activity: Pick<Activity, 'organisers' | 'hostBranchId' | 'cancelled'>
): boolean {
	return seesAttendanceList(actor, activity) && !activity.cancelled;
}

/** The fields a fix copies from the check-in it resolves. */
const identityFields = [
	'activityId',
	'communityId',
	'hostBranchId',
	'memberId',
	'memberName',
	'branchId',
	'orgId'
] as const;

function checkInOf(fix: Pick<AttendanceFix, 'activityId' | 'memberId'>): SubjectRef {
	return { collection: 'attendance', id: attendanceId(fix.activityId, fix.memberId, 'in') };
}

/** The corrected times: in the activity's check-in window, and the check-in not after the check-out. */
function checkTimes(fix: AttendanceFix, activity: Activity): Verdict {
	if (fix.outcome === 'absent') {
		return fix.checkInAt || fix.checkOutAt ? reject('invalid', 'times') : ACCEPT;
	}
	for (const time of [fix.checkInAt, fix.checkOutAt]) {
		if (time !== undefined && checkInWindowProblem(activity, time)) {
			return reject('invalid', 'times');
		}
	}
	if (fix.checkInAt && fix.checkOutAt && Date.parse(fix.checkInAt) > Date.parse(fix.checkOutAt)) {
		return reject('invalid', 'times');
	}
	return ACCEPT;
}

/** A fix resolves a recorded check-in (a no-show is no 需核实), and names the same person as it. */
function checkCheckIn(
	fix: AttendanceFix,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const found = related(checkInOf(fix));
	if (!found || found['_deleted'] === true) {
		return relatedComplete ? reject('subject-mismatch', 'check-in') : ACCEPT;
	}
	const checkIn = found as Partial<Attendance>;
	const field = identityFields.find((f) => checkIn[f] !== fix[f]);
	return field ? reject('subject-mismatch', field) : ACCEPT;
}

export const attendanceFixes: KindDefinition<AttendanceFix> = {
	name: 'fix',
	kindValues: ['fix'],
	schema: {
		title: 'fix',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['fix'] },
			activityId: idRef,
			activityStartsAt: instant,
			communityId: idRef,
			hostBranchId: idRef,
			memberId: idRef,
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			branchId: idRef,
			orgId: idRef,
			outcome: { type: 'string', enum: ['present', 'absent'] },
			checkInAt: instant,
			checkOutAt: instant,
			// As the collection's other kinds have it (one merged schema); the policy refuses a blank one.
			reason: { type: 'string', maxLength: MAX_FIX_REASON },
			recordedBy: { type: 'string', minLength: 1, maxLength: 64 },
			at: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'activityId',
			'activityStartsAt',
			'communityId',
			'memberId',
			'memberName',
			'branchId',
			'orgId',
			'outcome',
			'reason',
			'recordedBy',
			'at',
			'channels'
		],
		additionalProperties: false
	},
	// With the activity's year, like the check-in it resolves: whoever reads that reads this.
	channelsOf: (fix) => attendanceChannels({ ...fix, at: fix.activityStartsAt }),
	subjectOf: (fix) => ({ collection: 'activities', id: fix.activityId }),
	relatedOf: (fix) => [checkInOf(fix)],
	policy: ({ actor, prev, next, deleting, subject, related, relatedComplete, now }) => {
		if (prev || deleting) return reject('append-only');
		const at = Date.parse(next.at);
		if (Number.isNaN(at)) return reject('invalid', 'at');
		if (next.id !== attendanceFixId(next.activityId, next.memberId, new Date(at))) {
			return reject('invalid', 'id');
		}
		if (next.recordedBy !== actor.username) return reject('not-owner');
		const activity = citedActivity(subject, next);
		if (isVerdict(activity)) return activity;
		if (Date.parse(next.activityStartsAt) !== Date.parse(activity.startsAt)) {
			return reject('subject-mismatch', 'activityStartsAt');
		}
		if (!mayResolveAttendance(actor, activity)) return reject('forbidden');
		if (at > now.getTime() + CLOCK_AHEAD_TOLERANCE_MS) return reject('invalid', 'clock ahead');
		if (!next.reason.trim()) return reject('invalid', 'reason');
		const times = checkTimes(next, activity);
		if (!times.ok) return times;
		return checkCheckIn(next, related, relatedComplete);
	}
};
