const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The ISO week (Monday to Sunday) of an instant in Asia/Shanghai, as "2026-W48": the weekly
 * digest is one per secretary and such week. The week's year is the year of its Thursday, so the
 * last days of December may belong to week 1 of the next year.
 */
export function shanghaiIsoWeek(at: Date): string {
	const wall = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
	const day = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
	const weekday = (wall.getUTCDay() + 6) % 7;
	const thursday = new Date(day + (3 - weekday) * DAY_MS);
	const year = thursday.getUTCFullYear();
	const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
	return `${year}-W${String(week).padStart(2, '0')}`;
}
