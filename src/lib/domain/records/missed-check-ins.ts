import { shanghaiYear } from '../calendar/shanghai-calendar';
import type { Activity } from '../events/activities';
import type { ServiceRecord } from './service-record';

/**
 * The activities a member may say they attended without checking in (补录签到): ended, not
 * cancelled, in one of the member's communities, in the current Shanghai year, with no check-in
 * of theirs and no record of theirs citing it yet (a withdrawn record no longer does). Latest first.
 */
export function missedCheckIns(
	activities: readonly Activity[],
	member: {
		communityIds: readonly string[];
		/** Activities the member has a check-in at. */
		checkedIn: readonly string[];
		records: readonly Pick<ServiceRecord, 'activityId' | 'withdrawn'>[];
	},
	now: Date
): Activity[] {
	const year = shanghaiYear(now);
	const cited = new Set(
		member.records.flatMap((record) =>
			record.activityId && !record.withdrawn ? [record.activityId] : []
		)
	);
	return activities
		.filter(
			(activity) =>
				!activity.cancelled &&
				member.communityIds.includes(activity.communityId) &&
				new Date(activity.endsAt) <= now &&
				shanghaiYear(activity.endsAt) === year &&
				!member.checkedIn.includes(activity.id) &&
				!cited.has(activity.id)
		)
		.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}
