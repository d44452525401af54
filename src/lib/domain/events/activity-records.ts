import { reject, ACCEPT, type Verdict } from '../access/write-verdict';
import type { Activity } from './activities';
import { checkInWindowProblem, CLOCK_AHEAD_TOLERANCE_MS } from './check-in-window';

/**
 * The activity a record of someone at it cites, as the checking side read it (`subjectOf`): there,
 * not deleted, and of the record's community and host branch — else the refusal.
 */
export function citedActivity(
	subject: Record<string, unknown> | null,
	record: { communityId: string; hostBranchId?: string }
): Activity | Verdict {
	const activity = subject as Activity | null;
	if (!activity || (subject?.['_deleted'] as boolean | undefined) === true) {
		return reject('subject-mismatch', 'activityId');
	}
	if (
		activity.communityId !== record.communityId ||
		activity.hostBranchId !== record.hostBranchId
	) {
		return reject('subject-mismatch', 'communityId');
	}
	return activity;
}

export function isVerdict(value: Activity | Verdict): value is Verdict {
	return 'ok' in value;
}

/** A record's time: not ahead of the checker's clock (beyond a device's usual drift), and in the period. */
export function checkRecordTime(
	activity: Pick<Activity, 'startsAt' | 'endsAt'>,
	at: string,
	now: Date
): Verdict {
	if (Date.parse(at) > now.getTime() + CLOCK_AHEAD_TOLERANCE_MS) {
		return reject('invalid', 'clock ahead');
	}
	const windowProblem = checkInWindowProblem(activity, at);
	return windowProblem ? reject('invalid', windowProblem) : ACCEPT;
}
