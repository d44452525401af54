import { instantToShanghaiLocal, shanghaiLocalToInstant } from '../calendar/shanghai-calendar';
import type { Activity } from './activities';
import {
	attendanceFixes,
	attendanceFixId,
	MAX_FIX_REASON,
	type AttendanceFix
} from './attendance-fixes';
import type { Attendance } from './attendance-record';
import { checkInWindowProblem } from './check-in-window';

/** What the organiser fills in to resolve a 需核实 row: times as Shanghai `datetime-local` values. */
export interface FixDraft {
	outcome: AttendanceFix['outcome'];
	checkInAt: string;
	/** Empty: none recorded and none known; the person counts until the end, as confirmed. */
	checkOutAt: string;
	reason: string;
}

export type FixProblem = 'reason' | 'check-in' | 'check-out' | 'window' | 'order';

/** The resolution as read from the form: what the fix records, or what is wrong with it. */
export type FixReading =
	| { ok: true; outcome: 'absent'; reason: string }
	| { ok: true; outcome: 'present'; checkInAt: string; checkOutAt?: string; reason: string }
	| { ok: false; problem: FixProblem };

/** The form as it opens: the times recorded (a check-out missing: the end it was counted to). */
export function fixDraftOf(
	activity: Pick<Activity, 'endsAt'>,
	checkIn: Pick<Attendance, 'at'>,
	checkOut: Pick<Attendance, 'at'> | null
): FixDraft {
	return {
		outcome: 'present',
		checkInAt: instantToShanghaiLocal(checkIn.at),
		checkOutAt: instantToShanghaiLocal(checkOut?.at ?? activity.endsAt),
		reason: ''
	};
}

/** Reads the form as the kind's policy will judge it, naming the first problem. */
export function readFixDraft(
	activity: Pick<Activity, 'startsAt' | 'endsAt'>,
	draft: FixDraft
): FixReading {
	const reason = draft.reason.trim();
	if (reason === '' || reason.length > MAX_FIX_REASON) return { ok: false, problem: 'reason' };
	if (draft.outcome === 'absent') return { ok: true, outcome: 'absent', reason };
	const checkInAt = shanghaiLocalToInstant(draft.checkInAt.trim());
	if (!checkInAt) return { ok: false, problem: 'check-in' };
	const outText = draft.checkOutAt.trim();
	const checkOutAt = outText === '' ? undefined : shanghaiLocalToInstant(outText);
	if (checkOutAt === null) return { ok: false, problem: 'check-out' };
	const times = checkOutAt ? [checkInAt, checkOutAt] : [checkInAt];
	if (times.some((time) => checkInWindowProblem(activity, time))) {
		return { ok: false, problem: 'window' };
	}
	if (checkOutAt && Date.parse(checkInAt) > Date.parse(checkOutAt)) {
		return { ok: false, problem: 'order' };
	}
	return { ok: true, outcome: 'present', checkInAt, ...(checkOutAt ? { checkOutAt } : {}), reason };
}

/** The fix resolving `checkIn`, in the kind's channels; it names the person as the check-in does. */
export function newAttendanceFix(input: {
	activity: Pick<Activity, 'id' | 'startsAt'>;
	checkIn: Attendance;
	resolution: Exclude<FixReading, { ok: false }>;
	recordedBy: string;
	at: Date;
}): AttendanceFix {
	const { activity, checkIn, resolution, recordedBy, at } = input;
	const resolved =
		resolution.outcome === 'absent'
			? { outcome: resolution.outcome }
			: {
					outcome: resolution.outcome,
					checkInAt: resolution.checkInAt,
					...(resolution.checkOutAt ? { checkOutAt: resolution.checkOutAt } : {})
				};
	const fields = {
		id: attendanceFixId(activity.id, checkIn.memberId, at),
		kind: 'fix' as const,
		activityId: activity.id,
		activityStartsAt: activity.startsAt,
		communityId: checkIn.communityId,
		...(checkIn.hostBranchId ? { hostBranchId: checkIn.hostBranchId } : {}),
		memberId: checkIn.memberId,
		memberName: checkIn.memberName,
		branchId: checkIn.branchId,
		orgId: checkIn.orgId,
		...resolved,
		reason: resolution.reason,
		recordedBy,
		at: at.toISOString()
	};
	return { ...fields, channels: attendanceFixes.channelsOf({ ...fields, channels: [] }) };
}
