import { shortCodeDigest, type BadgeTrust } from '../codes/badge-token';
import { checkBadgePresentation, type PresentationProblem } from '../codes/badge-presentation';
import { typedCodeProof } from '../codes/typed-proof';
import { badgeTrustOf, type HeldBadges } from '../codes/badge-registry';
import { checkInWindowProblem, type CheckInWindowProblem } from './check-in-window';
import type { Activity, Attendance, CheckMethod } from '../registry';
import { attendanceRecord } from './event-drafts';

/** In or out: what an organiser's device records for the people in front of it. */
export type CheckKind = 'in' | 'out';

/** Who is checked in, as the attendance record names them. */
export interface Person {
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
}

export type ScanProblem = PresentationProblem | CheckInWindowProblem;

export type BadgeAdmission =
	| { ok: true; person: Person }
	| { ok: false; problem: ScanProblem }
	| { ok: false; problem: 'already'; person: Person };

/**
 * What a kiosk makes of a scanned badge, before anything is written: a presentation of a valid,
 * current badge made by the member's phone within a window of `at`, within the activity's
 * check-in hours, of someone not yet recorded for this kind. The presentation is the proof.
 */
export function admitBadge(
	text: string,
	trust: BadgeTrust,
	activity: Pick<Activity, 'startsAt' | 'endsAt'>,
	recorded: (memberId: string) => boolean,
	at: Date
): BadgeAdmission {
	const check = checkBadgePresentation(text, trust, at);
	if (!check.ok) return { ok: false, problem: check.problem };
	const { memberId, name, branchId, orgId } = check.claims;
	const person = { memberId, memberName: name, branchId, orgId };
	const window = checkInWindowProblem(activity, at);
	if (window) return { ok: false, problem: window };
	if (recorded(memberId)) return { ok: false, problem: 'already', person };
	return { ok: true, person };
}

/**
 * `not-held`: no badge entry this device holds has the code (a typo, a replaced badge's code, or
 * a member outside the device's reach); `revoked`: the entry's badge was withdrawn since.
 */
export type ShortCodeMatch =
	{ ok: true; memberId: string } | { ok: false; problem: 'not-held' | 'revoked' };

/**
 * The member whose badge has this typed short code, among the badge entries the device holds
 * (a secretary's: the branch's members), unless that badge was revoked since.
 */
export function memberOfShortCode(typed: string, held: HeldBadges): ShortCodeMatch {
	const digest = shortCodeDigest(typed);
	const entry = held.records.find((r) => r.kind === 'badge' && r.shortCodeDigest === digest);
	if (!entry?.memberId || !entry.serial) return { ok: false, problem: 'not-held' };
	return badgeTrustOf(held).isRevoked(entry.memberId, entry.serial)
		? { ok: false, problem: 'revoked' }
		: { ok: true, memberId: entry.memberId };
}

/**
 * A check-in or check-out recorded by an organiser, with the proof the gateway will verify: the
 * scanned presentation, or for a typed short code a proof made from it for this record only.
 */
export function organiserRecord(input: {
	activity: Activity;
	person: Person;
	kind: CheckKind;
	method: Exclude<CheckMethod, 'code'>;
	proof?: string;
	typedCode?: string;
	reason?: string;
	recordedBy: string;
	at: Date;
	clockSkewMs: number;
}): Attendance {
	const { person, typedCode, ...rest } = input;
	const record = attendanceRecord({
		...rest,
		attendee: {
			memberId: person.memberId,
			name: person.memberName,
			branchId: person.branchId,
			orgId: person.orgId
		}
	});
	return typedCode ? { ...record, proof: typedCodeProof(typedCode, record.id, record.at) } : record;
}
