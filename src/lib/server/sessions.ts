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
}

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
	if (!doc) return null;
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

/** Ends every session of a user, e.g. when an administrator disables the account. */
export async function endSessionsOf(db: Database, username: string): Promise<number> {
	const all = await db.allDocs({ include_docs: true });
	const mine = all.rows.filter((row) => (row.doc as SessionDoc | undefined)?.username === username);
	await db.bulkDocs(mine.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })));
	return mine.length;
}
