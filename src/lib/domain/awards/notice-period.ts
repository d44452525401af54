import { isCalendarDay } from '../ledger/ledger-pair';

/**
 * 公示 (R18) runs over whole days in Asia/Shanghai: a notice of 7 days starting on 1 December is
 * open from 00:00 on 1 December to 24:00 on 7 December, Shanghai time, wherever the reader is.
 */

export const DEFAULT_NOTICE_DAYS = 7;
export const MIN_NOTICE_DAYS = 1;
export const MAX_NOTICE_DAYS = 30;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Where a notice stands at an instant. */
export type NoticePhase = 'not-started' | 'open' | 'ended';

export function isNoticeDays(days: unknown): days is number {
	return (
		typeof days === 'number' &&
		Number.isInteger(days) &&
		days >= MIN_NOTICE_DAYS &&
		days <= MAX_NOTICE_DAYS
	);
}

/** The calendar day `days` after `day` (both `YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day begins (00:00 there). */
function shanghaiMidnight(day: string): Date {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, date) - SHANGHAI_OFFSET_MS);
}

/** The last day of the notice: the start day counts as its first. */
export function noticeEndsOn(startsOn: string, days: number): string {
	return addDays(startsOn, days - 1);
}

/** The first instant of the notice: 00:00 Shanghai on the start day. */
export function noticeStartsAt(startsOn: string): Date {
	return shanghaiMidnight(startsOn);
}

/** The instant the notice ends: 24:00 Shanghai on its last day, i.e. 00:00 of the day after. */
export function noticeEndsAt(startsOn: string, days: number): Date {
	return shanghaiMidnight(addDays(startsOn, days));
}

/** Whether objections are taken at `now`: from the start instant, until (not at) the end instant. */
export function noticePhase(startsOn: string, days: number, now: Date): NoticePhase {
	if (!isCalendarDay(startsOn) || !isNoticeDays(days)) return 'ended';
	const time = now.getTime();
	if (time < noticeStartsAt(startsOn).getTime()) return 'not-started';
	return time < noticeEndsAt(startsOn, days).getTime() ? 'open' : 'ended';
}
