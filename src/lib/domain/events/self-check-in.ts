import { checkActivityCode, type ActivityCodeProblem } from '../codes/activity-code';
import type { Activity } from './activities';
import type { Attendance } from './attendance-record';
import { checkInClosure, type CheckInClosure } from './check-in-window';
import type { CheckKind } from './kiosk-check-in';

/** What a member's next scan of an activity's code records: in, then out, then nothing more. */
export type SelfCheck = CheckKind | 'done';

/** The member's next self check at an activity, from their own records of it. */
export function nextSelfCheck(own: readonly Pick<Attendance, 'kind'>[]): SelfCheck {
	if (own.some((r) => r.kind === 'out')) return 'done';
	return own.some((r) => r.kind === 'in') ? 'out' : 'in';
}

/** Why a scanned code checks no one in or out. */
export type SelfCheckProblem = ActivityCodeProblem | CheckInClosure;

export type SelfCheckAdmission =
	| { ok: true; kind: CheckKind }
	| { ok: false; problem: SelfCheckProblem }
	| { ok: false; problem: 'already-out' };

/**
 * What a member's scan of an activity's code makes, before anything is written: a genuine, current
 * code of this activity, which takes check-ins now, and whether it checks the member in or out.
 * `own` are the member's records of this activity.
 */
export function admitActivityCode(
	text: string,
	activity: Pick<Activity, 'id' | 'publicKey' | 'startsAt' | 'endsAt' | 'cancelled'>,
	own: readonly Pick<Attendance, 'kind'>[],
	at: Date
): SelfCheckAdmission {
	const problem = checkActivityCode(text, activity, at) ?? checkInClosure(activity, at);
	if (problem) return { ok: false, problem };
	const next = nextSelfCheck(own);
	return next === 'done' ? { ok: false, problem: 'already-out' } : { ok: true, kind: next };
}
