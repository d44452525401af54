import { channel, inYear, normalizeChannels } from '../access/channels';
import { recordYear } from '../calendar/shanghai-calendar';

/** A member signing up (报名), or being checked in or out of an activity. */
export type AttendanceKind = 'signup' | 'in' | 'out';

/**
 * How a check-in was proven: the organiser scanned the member's badge, the member scanned the
 * activity's code, the organiser typed the badge's short code, or checked the member in by hand.
 */
export type CheckMethod = 'badge' | 'code' | 'typed' | 'manual';

/**
 * One document per activity, member and kind (`<activityId>.<memberId>.<kind>`), so two organiser
 * devices that scanned the same person offline write the same document; the gateway then keeps
 * the earliest check-in and the latest check-out (attendance-merge.ts). Append-only otherwise.
 */
export interface Attendance {
	id: string;
	kind: AttendanceKind;
	activityId: string;
	communityId: string;
	hostBranchId?: string;
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
	at: string;
	method?: CheckMethod;
	/** The badge presentation, activity code or typed proof (`T1~…`) that proves it; absent for manual. */
	proof?: string;
	/** Why an organiser checked someone in by hand. */
	reason?: string;
	/** Username of whoever recorded it (the organiser, or the member scanning the code). */
	recordedBy: string;
	/** How far the recording device's clock was off the server's when it last heard from it. */
	clockSkewMs?: number;
	channels: string[];
}

export function attendanceId(activityId: string, memberId: string, kind: AttendanceKind): string {
	return `${activityId}.${memberId}.${kind}`;
}

/** Who reads a record of someone at an activity, in the year of its own time: closed years leave devices. */
export function attendanceChannels(
	a: Pick<Attendance, 'memberId' | 'branchId' | 'communityId' | 'hostBranchId' | 'at'>
): string[] {
	return normalizeChannels(
		[
			channel.member(a.memberId),
			channel.branch(a.branchId),
			channel.community(a.communityId),
			...(a.hostBranchId ? [channel.branch(a.hostBranchId)] : [])
		].map((base) => inYear(base, recordYear(a.at)))
	);
}

/** Whether a document of the attendance collection is a record of a person (not a server note). */
export function isAttendanceRecord(doc: object): doc is Attendance {
	const kind = (doc as { kind?: unknown }).kind;
	return kind === 'signup' || kind === 'in' || kind === 'out';
}
