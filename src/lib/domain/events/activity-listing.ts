import { hasEnded, type Activity } from './activities';
import { grantsOf, hasRole, type Actor } from '../access/roles';

/**
 * Which activities a person's lists show. Every device holds every activity (they are public);
 * people see those they work with: members their branch's and the open ones, staff their
 * communities', a secretary the branch's and its linked community's, the office all.
 */
export function listedFor(actor: Actor, linkedCommunities: readonly string[]) {
	const staffOf = grantsOf(actor.roles, 'community_staff').map((g) => g.communityId);
	const secretaryOf = grantsOf(actor.roles, 'secretary').map((g) => g.branchId);
	const member = hasRole(actor, 'member');
	const office = hasRole(actor, 'office');
	return (a: Activity): boolean =>
		office ||
		staffOf.includes(a.communityId) ||
		(a.hostBranchId !== undefined && secretaryOf.includes(a.hostBranchId)) ||
		linkedCommunities.includes(a.communityId) ||
		(member && (a.expected === 'signup' || a.hostBranchId === actor.branchId));
}

/** Ended activities stay on the list this long, so people find what they just attended. */
export const RECENT_MS = 30 * 24 * 3_600_000;

/** Activities not over yet, soonest first. */
export function upcoming(activities: readonly Activity[], now: Date): Activity[] {
	return activities
		.filter((a) => !hasEnded(a, now))
		.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Activities that ended within the last month, latest first. */
export function recent(activities: readonly Activity[], now: Date): Activity[] {
	return activities
		.filter((a) => hasEnded(a, now) && Date.parse(a.endsAt) >= now.getTime() - RECENT_MS)
		.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}
