/** A document as the store holds it: its own fields plus CouchDB's id, revision and deletion mark. */
export type StoredDoc = Record<string, unknown> & { _id: string; _rev: string; _deleted?: boolean };
