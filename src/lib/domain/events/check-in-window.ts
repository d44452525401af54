import type { Activity } from './activities';

/** Check-in opens this long before the start (people arrive early) … */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000;
/** … and check-out closes this long after the end (people tidy up). */
export const CHECK_OUT_CLOSES_AFTER_MS = 60 * 60_000;
/** A recorded time this far ahead of the server's clock comes from a device whose clock is wrong. */
export const CLOCK_AHEAD_TOLERANCE_MS = 5 * 60_000;
/** A device whose clock is off by more than this has its check-ins flagged for a look. */
export const CLOCK_SKEW_FLAG_MS = 2 * 60_000;

export type CheckInWindowProblem = 'before-opening' | 'after-closing' | 'no-time';

/** When the activity starts taking check-ins. */
export function checkInOpensAt(activity: Pick<Activity, 'startsAt'>): Date {
	return new Date(Date.parse(activity.startsAt) - CHECK_IN_OPENS_BEFORE_MS);
}

/** When the activity stops taking check-outs (and check-ins). */
export function checkOutClosesAt(activity: Pick<Activity, 'endsAt'>): Date {
	return new Date(Date.parse(activity.endsAt) + CHECK_OUT_CLOSES_AFTER_MS);
}

/** Whether `at` falls within the time the activity takes check-ins and check-outs. */
export function checkInWindowProblem(
	activity: Pick<Activity, 'startsAt' | 'endsAt'>,
	at: string | Date
): CheckInWindowProblem | null {
	const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
	// The schema's pattern admits 25:00; comparisons with NaN would all pass.
	if (Number.isNaN(time)) return 'no-time';
	if (time < checkInOpensAt(activity).getTime()) return 'before-opening';
	if (time > checkOutClosesAt(activity).getTime()) return 'after-closing';
	return null;
}

export type CheckInClosure = 'cancelled' | CheckInWindowProblem;

/** Why the activity takes no check-ins at `at`, if so: it was cancelled, or it is out of hours. */
export function checkInClosure(
	activity: Pick<Activity, 'startsAt' | 'endsAt' | 'cancelled'>,
	at: string | Date
): CheckInClosure | null {
	return activity.cancelled ? 'cancelled' : checkInWindowProblem(activity, at);
}
