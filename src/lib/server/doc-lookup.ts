import { canRead } from '../domain/access/channels';
import type { Watch } from './change-hub';
import type { StoredDoc } from './stored-doc';
import type { Database, DatabaseName, Store } from './store';

export interface Lookup {
	key: string;
	/** The stored document (a deleted one with its last body) when the caller may see it. */
	doc: StoredDoc | null;
	/** True when a document exists but the caller may not see it — never told to the caller. */
	hidden: boolean;
}

/** A deleted document's last body, marked deleted; null when there is none. */
async function deletedBody(db: Database, id: string, rev: string): Promise<StoredDoc | null> {
	const doc = await db.get<StoredDoc>(id, { rev }).catch(() => null);
	if (doc) doc._deleted = true;
	return doc;
}

/** By `allDocs` with keys: one request to CouchDB for the whole list. */
async function readByKeys(db: Database, ids: readonly string[]): Promise<(StoredDoc | null)[]> {
	const result = await db.allDocs({ keys: [...ids], include_docs: true });
	return Promise.all(
		result.rows.map(async (row) => {
			if ('error' in row || !row.value) return null;
			if (row.value.deleted) return deletedBody(db, row.id, row.value.rev);
			return (row.doc as StoredDoc | undefined) ?? null;
		})
	);
}

/**
 * By `get`, all at once: on LevelDB, `allDocs` with keys opens an iterator per key, which made the
 * gateway's lookups four to six times the cost of the gets (measured for issue 11); a deleted
 * document needs its revision first, which only `allDocs` tells.
 */
async function readByGets(db: Database, ids: readonly string[]): Promise<(StoredDoc | null)[]> {
	return Promise.all(
		ids.map(async (id) => {
			// `get` would answer a checkpoint of PouchDB's own, which `allDocs` never lists.
			if (id.startsWith('_local/')) return null;
			try {
				return await db.get<StoredDoc>(id);
			} catch (error) {
				if ((error as { reason?: string }).reason !== 'deleted') return null;
				const [found] = await readByKeys(db, [id]);
				return found ?? null;
			}
		})
	);
}

/** The documents stored under `ids` now, in order: a deleted one with its last body, a missing one null. */
export async function readStored(
	store: Store,
	name: DatabaseName,
	ids: readonly string[]
): Promise<(StoredDoc | null)[]> {
	// No document has an id that is not Unicode, and CouchDB would refuse the whole read for one.
	const readable = ids.filter((id) => id.isWellFormed());
	if (readable.length === 0) return ids.map(() => null);
	const db = store.db(name);
	const found = await (store.kind === 'embedded'
		? readByGets(db, readable)
		: readByKeys(db, readable));
	if (readable.length === ids.length) return found;
	const byId = new Map(readable.map((id, index) => [id, found[index] ?? null]));
	return ids.map((id) => byId.get(id) ?? null);
}

/** How long a document read for a write's checks is kept, at most, and how many are. */
const KEPT_MS = 5_000;
const KEPT_MAX = 2_000;

/**
 * The documents pushed writes cite (the activity of a check-in, the report of a review), read once
 * and shared. Fifty phones reconnecting at an event push check-ins citing the same few activities
 * within a second: each activity is read once instead of once per phone. A document is kept until
 * the database's change hub (`watch`) reports a change to it — in this process at once, from
 * another process sharing the store within the feed's delay — and at most five seconds; a
 * concurrent reader may get a read that began a moment before it asked. Either way a check may
 * judge a write by a version of its subject a moment old, as if the write had come a moment
 * earlier.
 */
export class SharedReads {
	private readonly kept = new Map<string, { read: Promise<StoredDoc | null>; at: number }>();
	private readonly watching = new Map<DatabaseName, () => void>();

	constructor(
		private readonly store: Store,
		private readonly watch: Watch,
		private readonly clock: () => number = Date.now
	) {}

	read(name: DatabaseName, id: string): Promise<StoredDoc | null> {
		this.follow(name);
		const key = `${name}/${id}`;
		const now = this.clock();
		const entry = this.kept.get(key);
		if (entry && now - entry.at < KEPT_MS) return entry.read;
		const read = readStored(this.store, name, [id]).then(([doc]) => doc ?? null);
		this.kept.delete(key);
		this.kept.set(key, { read, at: now });
		// A failed read is not kept; the oldest goes first (Map keeps insertion order).
		read.catch(() => this.kept.get(key)?.read === read && this.kept.delete(key));
		if (this.kept.size > KEPT_MAX) {
			const oldest = this.kept.keys().next().value;
			if (oldest !== undefined) this.kept.delete(oldest);
		}
		return read;
	}

	private follow(name: DatabaseName): void {
		if (this.watching.has(name)) return;
		const prefix = `${name}/`;
		const stop = this.watch(name, (id) => {
			if (id !== null) {
				this.kept.delete(prefix + id);
				return;
			}
			// The feed was lost (the hub follows again): whatever was read from it may be stale.
			for (const key of this.kept.keys()) if (key.startsWith(prefix)) this.kept.delete(key);
		});
		this.watching.set(name, stop);
	}

	close(): void {
		for (const stop of this.watching.values()) stop();
		this.watching.clear();
		this.kept.clear();
	}
}

/** Reads documents by id, including the bodies of deleted ones, and applies the caller's channels. */
export async function lookupDocs(
	store: Store,
	name: DatabaseName,
	keys: readonly string[],
	granted: ReadonlySet<string>
): Promise<Lookup[]> {
	const found = await readStored(store, name, keys);
	return found.map((doc, index): Lookup => {
		const key = keys[index] ?? '';
		if (!doc) return { key, doc: null, hidden: false };
		return canRead(granted, doc['channels'])
			? { key, doc, hidden: false }
			: { key, doc: null, hidden: true };
	});
}

/** A row of CouchDB's `_all_docs`; a document the caller may not see looks exactly like a missing one. */
export function allDocsRow(key: string, doc: Record<string, unknown> | null) {
	if (!doc) return { key, error: 'not_found' };
	const rev = typeof doc['_rev'] === 'string' ? doc['_rev'] : '0-0';
	return {
		id: key,
		key,
		value: doc['_deleted'] ? { rev, deleted: true } : { rev },
		doc
	};
}
