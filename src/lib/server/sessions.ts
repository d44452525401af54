import { createHash, randomBytes } from 'node:crypto';
import { getIfExists } from './read-by-id';
import type { Database } from './store';

export const SESSION_COOKIE = 'baodao_session';

interface SessionDoc {
	_id: string;
	_rev?: string;
	username: string;
	createdAt: string;
	expiresAt: string;
	/**
	 * Set on a session ended by the account's deactivation: kept until it would have expired, so
	 * that its holder (and only they) learns why (`GET /api/session`), and the device wipes itself.
	 */
	endedBecause?: SessionEnd;
}

export type SessionEnd = 'deactivated';

/** Only a hash of the token is stored, so a copy of the database opens no session. */
export function sessionIdOf(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function startSession(
	db: Database,
	username: string,
	now: Date,
	ttlMs: number
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + ttlMs);
	const doc: SessionDoc = {
		_id: sessionIdOf(token),
		username,
		createdAt: now.toISOString(),
		expiresAt: expiresAt.toISOString()
	};
	await db.put(doc as unknown as Record<string, unknown> & { _id: string });
	return { token, expiresAt };
}

/** Whether `token` has the shape of one this server hands out (anything else is not looked up). */
export function isSessionToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * A live session's user and end, or null for an unknown, ended or expired one; rejects when the
 * store cannot tell (the request fails and the device tries again, still signed in).
 */
export async function readSession(
	db: Database,
	token: string,
	now: Date
): Promise<{ username: string; expiresAt: Date } | null> {
	if (!isSessionToken(token)) return null;
	const doc = (await getIfExists(db, sessionIdOf(token))) as unknown as SessionDoc | null;
	if (!doc || doc.endedBecause) return null;
	const expiresAt = new Date(doc.expiresAt);
	// Not `<= now`: an unreadable end (an invalid date) ends the session too.
	if (!(expiresAt > now)) return null;
	return { username: doc.username, expiresAt };
}

export async function endSession(db: Database, token: string): Promise<void> {
	// Ending an unknown or already ended session is no error.
	await db
		.get(sessionIdOf(token))
		.then((doc) => db.remove(doc))
		.catch(() => undefined);
}

/** Why a session that no longer works ended, when it was marked; else null. */
export async function sessionEnding(
	db: Database,
	token: string,
	now: Date
): Promise<SessionEnd | null> {
	if (!isSessionToken(token)) return null;
	const doc = (await getIfExists(db, sessionIdOf(token))) as unknown as SessionDoc | null;
	if (!doc?.endedBecause || !(new Date(doc.expiresAt) > now)) return null;
	return doc.endedBecause;
}

export interface EndSessionsOptions {
	/** Kept as a tombstone with this reason instead of deleted. */
	because?: SessionEnd;
	/** A session id (`sessionIdOf`) to leave running: the one changing its own password. */
	except?: string;
}

/**
 * Ends every session of a user, e.g. when an administrator deactivates the account or resets its
 * password. Sessions are keyed by their token's hash, so this walks them all: it is rare, and an
 * administrator's action.
 */
export async function endSessionsOf(
	db: Database,
	username: string,
	options: EndSessionsOptions = {}
): Promise<number> {
	return (await endSessionsListed(db, username, options)).length;
}

/** As `endSessionsOf`, resolving the ids of the sessions ended (to forget them at once). */
export async function endSessionsListed(
	db: Database,
	username: string,
	options: EndSessionsOptions = {}
): Promise<string[]> {
	const all = await db.allDocs({ include_docs: true });
	const mine = all.rows.flatMap((row) => {
		const doc = row.doc as SessionDoc | undefined;
		return doc && doc.username === username && !doc.endedBecause && row.id !== options.except
			? [doc]
			: [];
	});
	await db.bulkDocs(
		mine.map((doc) =>
			options.because
				? { ...doc, endedBecause: options.because }
				: { _id: doc._id, _rev: doc._rev, _deleted: true }
		)
	);
	return mine.map((doc) => doc._id);
}
