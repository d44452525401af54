/** A document as the store holds it: its own fields plus CouchDB's id, revision and deletion mark. */
export type StoredDoc = Record<string, unknown> & { _id: string; _rev: string; _deleted?: boolean };

/** A stored document as devices and the domain see it: `id` instead of CouchDB's own fields. */
export function plainOf<T>(stored: StoredDoc): T {
	const body: Record<string, unknown> = { ...stored, id: stored._id };
	for (const field of ['_id', '_rev', '_deleted']) delete body[field];
	return body as T;
}
