import type { Attendance, CheckMethod } from './attendance-record';

/** Stronger proof first when two records of the same moment compete. */
const methodRank: Record<CheckMethod, number> = { badge: 0, code: 1, typed: 2, manual: 3 };

/**
 * Orders two records of the same check-in (or check-out): the earliest check-in, the latest
 * check-out; ties broken by proof, then recorder, so every device picks the same one.
 */
function compare(a: Attendance, b: Attendance): number {
	const byTime = Date.parse(a.at) - Date.parse(b.at);
	if (byTime !== 0) return a.kind === 'out' ? -byTime : byTime;
	const byMethod = methodRank[a.method ?? 'manual'] - methodRank[b.method ?? 'manual'];
	if (byMethod !== 0) return byMethod;
	if (a.recordedBy !== b.recordedBy) return a.recordedBy < b.recordedBy ? -1 : 1;
	const [left, right] = [stableText(a), stableText(b)];
	return left < right ? -1 : left > right ? 1 : 0;
}

/** The document's own fields in a fixed order (storage adds `_rev`, `_meta` and the like). */
function stableText(doc: Attendance): string {
	const own = Object.entries(doc).filter(([key]) => !key.startsWith('_'));
	return JSON.stringify(own.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The record both sides keep when two devices wrote the same check-in. */
export function mergeAttendance(a: Attendance, b: Attendance): Attendance {
	return compare(a, b) <= 0 ? a : b;
}

/** True when `candidate` should replace `stored`: it wins and is not the same record. */
export function isAttendanceWinner(candidate: Attendance, stored: Attendance): boolean {
	return compare(candidate, stored) < 0;
}
