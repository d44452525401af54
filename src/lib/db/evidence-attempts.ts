import type { OutboxEntry, RefusalReason } from './evidence-outbox';

/**
 * What an upload's answer means for a waiting file: a pure rule, so the uploader only does I/O.
 * The server answers 404 until the document citing the file has reached it (the device pushes
 * documents and uploads files independently), so a 404 is "not yet", tried again later.
 */

/** The server's answer to an upload; `null` when the request got no answer (offline). */
export interface UploadAnswer {
	status: number;
	retryAfterSeconds?: number;
}

export type AttemptVerdict = { remove: true } | { remove: false; entry: OutboxEntry };

const FIRST_RETRY_MS = 5_000;
const LAST_RETRY_MS = 10 * 60_000;

/** The wait after the `tries`-th failed try: 5 s, doubling, at most 10 minutes. */
export function retryDelayMs(tries: number): number {
	return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, tries - 1));
}

const REFUSALS: Record<number, RefusalReason> = {
	400: 'mismatch',
	413: 'too-large',
	415: 'unsupported'
};

export function afterAttempt(
	entry: OutboxEntry,
	answer: UploadAnswer | null,
	nowMs: number
): AttemptVerdict {
	// 200: stored before (by this device or another); 201: stored now.
	if (answer && (answer.status === 200 || answer.status === 201)) return { remove: true };
	const refusal = answer ? REFUSALS[answer.status] : undefined;
	if (refusal) return { remove: false, entry: { ...entry, failed: refusal, lastError: refusal } };
	// Signed out: nothing to count; the next sync round after signing in tries again.
	if (answer?.status === 401)
		return { remove: false, entry: { ...entry, lastError: 'signed-out' } };
	const tries = entry.tries + 1;
	const waitMs =
		answer?.status === 429 && answer.retryAfterSeconds
			? answer.retryAfterSeconds * 1000
			: retryDelayMs(tries);
	const lastError = !answer ? 'offline' : answer.status === 404 ? 'not-yet' : 'server';
	return { remove: false, entry: { ...entry, tries, nextAt: nowMs + waitMs, lastError } };
}

/**
 * Whether an entry is tried now: not refused for good, and its wait is over — or it waited only
 * for the network or for its document to reach the server, and a sync round just ended or the
 * network came back (`reconnected`): then the reason for the wait may be gone, so it goes at once.
 */
export function isDue(entry: OutboxEntry, nowMs: number, reconnected = false): boolean {
	if (entry.failed !== null) return false;
	const waitedForSync = entry.lastError === 'offline' || entry.lastError === 'not-yet';
	return entry.nextAt <= nowMs || (reconnected && waitedForSync);
}

/** When the earliest waiting entry is due; null when none waits. */
export function nextDueAt(entries: readonly OutboxEntry[]): number | null {
	const times = entries.filter((entry) => entry.failed === null).map((entry) => entry.nextAt);
	return times.length ? Math.min(...times) : null;
}
