import { createHash } from 'node:crypto';
import { withChannels } from '../domain/access/write-policy';
import type { Notice } from '../domain/registry';
import type { Verdict } from '../domain/access/write-verdict';
import type { Database, Store } from './store';

type Rejected = Extract<Verdict, { ok: false }>;

function keyOf(username: string, collection: string, docId: string): string {
	return createHash('sha256').update(`${username}\u0000${collection}\u0000${docId}`).digest('hex');
}

/**
 * Principle 6: a refused document is answered as a conflict, and the device then asks
 * `GET _all_docs` for the server's version. For a document the server never accepted that version
 * is the pushed content marked deleted, so the device reverts; it is kept here until asked for.
 */
export async function recordRejection(
	store: Store,
	username: string,
	collection: string,
	pushed: Record<string, unknown> & { _id: string },
	verdict: Rejected,
	now: Date
): Promise<void> {
	const key = keyOf(username, collection, pushed._id);
	await upsert(store.db('rejections'), key, { doc: pushed, at: now.toISOString() });
	const notice: Notice = withChannels('notices', {
		id: `rej-${key.slice(0, 32)}`,
		recipient: username,
		kind: 'write-rejected' as const,
		docCollection: collection,
		docId: pushed._id.slice(0, 128),
		reason: verdict.reason,
		...(verdict.detail ? { detail: verdict.detail.slice(0, 200) } : {}),
		createdAt: now.toISOString(),
		channels: []
	});
	const { id, ...fields } = notice;
	await upsert(store.db('notices'), id, fields);
}

/**
 * The pushed content of a refused document, as a deleted document, or null; read once. Should the
 * answer get lost, the device's next push is refused again and stashes it anew.
 */
export async function takeRejectedVersion(
	store: Store,
	username: string,
	collection: string,
	docId: string
): Promise<Record<string, unknown> | null> {
	const db = store.db('rejections');
	const stash = await db.get(keyOf(username, collection, docId)).catch(() => null);
	if (!stash) return null;
	await db.remove(stash).catch(() => undefined);
	const doc = stash['doc'] as Record<string, unknown>;
	return { ...doc, _deleted: true };
}

async function upsert(db: Database, id: string, fields: Record<string, unknown>) {
	for (let attempt = 0; attempt < 3; attempt++) {
		const existing = await db.get(id).catch(() => null);
		try {
			await db.put({ ...fields, _id: id, ...(existing ? { _rev: existing._rev } : {}) });
			return;
		} catch (error) {
			if ((error as { status?: number }).status !== 409) throw error;
		}
	}
}
