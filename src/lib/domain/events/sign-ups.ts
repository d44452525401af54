import type { Actor } from '../access/roles';
import { hasEnded, mayOrganiseIn, type Activity } from './activities';

/** Whether members can sign up for an activity now, as far as this device knows. */
export type SignUpState = 'closed' | 'open' | 'full';

/**
 * Sign-ups are open for an activity that asks for them, until it is cancelled or over. It is full
 * once the sign-ups reach its capacity — but not for a member already among them, who may still
 * withdraw. Capacity is checked against the sign-ups this device knows of: a member's device holds
 * only their own, the organisers' devices all of them.
 */
export function signUpState(
	activity: Pick<Activity, 'expected' | 'cancelled' | 'endsAt' | 'capacity'>,
	known: { signups: number; signedUp: boolean },
	now: Date
): SignUpState {
	if (activity.expected !== 'signup' || activity.cancelled || hasEnded(activity, now)) {
		return 'closed';
	}
	const full =
		activity.capacity !== undefined && known.signups >= activity.capacity && !known.signedUp;
	return full ? 'full' : 'open';
}

/** What a member can do about signing up; null when nothing (closed, or already checked in). */
export type SignUpChoice = 'sign-up' | 'withdraw' | 'full' | null;

export function signUpChoice(
	state: SignUpState,
	own: { signedUp: boolean; checkedIn: boolean }
): SignUpChoice {
	// A member already checked in is there: nothing is left to sign up for or withdraw from.
	if (state === 'closed' || own.checkedIn) return null;
	if (own.signedUp) return 'withdraw';
	return state === 'full' ? 'full' : 'sign-up';
}

/**
 * Whether this person's device holds every sign-up for the activity, so a count of them means
 * something: the records reach the activity's community staff and its host branch's secretary —
 * the people who may organise it. A member's device holds only their own.
 */
export function holdsAllSignUps(
	actor: Actor,
	activity: Pick<Activity, 'communityId' | 'hostBranchId'>
): boolean {
	return mayOrganiseIn(actor, activity);
}
