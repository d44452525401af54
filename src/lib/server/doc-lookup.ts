import { canRead } from '../domain/access/channels';
import type { StoredDoc } from './stored-doc';
import type { Database } from './store';

export interface Lookup {
	key: string;
	/** The stored document (a deleted one with its last body) when the caller may see it. */
	doc: StoredDoc | null;
	/** True when a document exists but the caller may not see it — never told to the caller. */
	hidden: boolean;
}

/** Reads documents by id, including the bodies of deleted ones, and applies the caller's channels. */
export async function lookupDocs(
	db: Database,
	keys: readonly string[],
	granted: ReadonlySet<string>
): Promise<Lookup[]> {
	if (keys.length === 0) return [];
	const result = await db.allDocs({ keys: [...keys], include_docs: true });
	return Promise.all(
		result.rows.map(async (row, index): Promise<Lookup> => {
			const key = keys[index] ?? '';
			if ('error' in row || !row.value) return { key, doc: null, hidden: false };
			const doc = (
				row.value.deleted ? await db.get(row.id, { rev: row.value.rev }).catch(() => null) : row.doc
			) as StoredDoc | null;
			if (!doc) return { key, doc: null, hidden: false };
			if (row.value.deleted) doc._deleted = true;
			return canRead(granted, doc['channels'])
				? { key, doc, hidden: false }
				: { key, doc: null, hidden: true };
		})
	);
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
