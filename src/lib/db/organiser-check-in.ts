import {
	checkBadgeToken,
	shortCodeDigest,
	type BadgeProblem,
	type BadgeTrust
} from '../domain/badge-token';
import { checkInWindowProblem, type CheckInWindowProblem } from '../domain/check-in-window';
import {
	attendanceId,
	type Activity,
	type Attendance,
	type BadgeRecord,
	type CheckMethod
} from '../domain/collections';
import { withChannels } from '../domain/write-policy';
import type { WriteOutcome } from './write-outcome';

/** In or out: what an organiser's device records for the people in front of it. */
export type CheckKind = 'in' | 'out';

/** Who is checked in, as the attendance record names them. */
export interface Person {
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
}

/** Stores one check-in or check-out of the kind the organiser chose, and says what became of it. */
export type RecordCheck = (
	person: Person,
	method: Exclude<CheckMethod, 'code'>,
	evidence: { proof?: string; reason?: string }
) => Promise<WriteOutcome>;

/** Whether the member already has a check-in (or check-out) of this activity on this device. */
export type IsRecorded = (memberId: string, kind: CheckKind) => boolean;

/** The badge registry this device holds, as the trust `checkBadgeToken` needs. */
export function badgeTrustOf(records: readonly BadgeRecord[]): BadgeTrust {
	const issuers = new Map<string, string>();
	const serials = new Map<string, number>();
	for (const record of records) {
		if (record.kind === 'issuer' && record.keyId && record.publicKey && !record.retiredAt) {
			issuers.set(record.keyId, record.publicKey);
		}
		if (record.kind === 'badge' && record.memberId && record.serial && !record.revoked) {
			serials.set(record.memberId, record.serial);
		}
	}
	return {
		issuerKey: (keyId) => issuers.get(keyId) ?? null,
		currentSerial: (memberId) => serials.get(memberId) ?? null
	};
}

export type ScanProblem = BadgeProblem | CheckInWindowProblem;

export type BadgeAdmission =
	| { ok: true; person: Person }
	| { ok: false; problem: ScanProblem }
	| { ok: false; problem: 'already'; person: Person };

/**
 * What a kiosk makes of a scanned badge, before anything is written: a valid, current badge,
 * within the activity's check-in hours, of someone not yet recorded for this kind.
 */
export function admitBadge(
	text: string,
	trust: BadgeTrust,
	activity: Pick<Activity, 'startsAt' | 'endsAt'>,
	recorded: (memberId: string) => boolean,
	at: Date
): BadgeAdmission {
	const check = checkBadgeToken(text, trust);
	if (!check.ok) return { ok: false, problem: check.problem };
	const { memberId, name, branchId, orgId } = check.claims;
	const person = { memberId, memberName: name, branchId, orgId };
	const window = checkInWindowProblem(activity, at);
	if (window) return { ok: false, problem: window };
	if (recorded(memberId)) return { ok: false, problem: 'already', person };
	return { ok: true, person };
}

/** The member whose current badge has this typed short code, if the registry knows one. */
export function memberOfShortCode(
	typed: string,
	records: readonly BadgeRecord[]
): string | undefined {
	const digest = shortCodeDigest(typed);
	return records.find((r) => r.kind === 'badge' && !r.revoked && r.shortCodeDigest === digest)
		?.memberId;
}

/** A check-in or check-out recorded by an organiser, with the proof the gateway will verify. */
export function organiserRecord(input: {
	activity: Activity;
	person: Person;
	kind: CheckKind;
	method: Exclude<CheckMethod, 'code'>;
	proof?: string;
	reason?: string;
	recordedBy: string;
	at: Date;
	clockSkewMs: number;
}): Attendance {
	const { activity, person, kind, method, proof, reason } = input;
	return withChannels('attendance', {
		id: attendanceId(activity.id, person.memberId, kind),
		kind,
		activityId: activity.id,
		communityId: activity.communityId,
		...(activity.hostBranchId ? { hostBranchId: activity.hostBranchId } : {}),
		...person,
		at: input.at.toISOString(),
		method,
		...(proof ? { proof } : {}),
		...(reason ? { reason } : {}),
		recordedBy: input.recordedBy,
		clockSkewMs: Math.round(input.clockSkewMs),
		channels: []
	});
}
