import { isSecretaryOf, type Actor } from '../access/roles';
import { hasEnded, mayOrganiseIn, type Activity } from './activities';

/** Whether the person is among the activity's organisers: they run its check-in. */
export function isOrganiser(actor: Actor, activity: Pick<Activity, 'organisers'>): boolean {
	return activity.organisers.includes(actor.username);
}

/** Whether the person runs check-in at the activity: an organiser, unless it was cancelled. */
export function runsCheckIn(
	actor: Actor,
	activity: Pick<Activity, 'organisers' | 'cancelled'>
): boolean {
	return isOrganiser(actor, activity) && !activity.cancelled;
}

/**
 * Who sees the activity's attendance list: its organisers, and the host branch's secretary, who
 * answers for the branch's members' attendance, organiser or not.
 */
export function seesAttendanceList(
	actor: Actor,
	activity: Pick<Activity, 'organisers' | 'hostBranchId'>
): boolean {
	return (
		isOrganiser(actor, activity) ||
		(activity.hostBranchId !== undefined && isSecretaryOf(actor, activity.hostBranchId))
	);
}

/** Whoever may organise the activity may cancel it, while it is neither cancelled nor over. */
export function mayCancelActivity(
	actor: Actor,
	activity: Pick<Activity, 'communityId' | 'hostBranchId' | 'cancelled' | 'endsAt'>,
	now: Date
): boolean {
	return mayOrganiseIn(actor, activity) && !activity.cancelled && !hasEnded(activity, now);
}
