import type { StoredDoc } from './stored-doc';

/** One page of a channel, in the index's id order. */
export interface ChannelPage {
	docs: StoredDoc[];
	/** The id of the last entry the page covers (`after` if none): the next page starts after it. */
	last: string;
	/** The channel has entries after `last`. */
	more: boolean;
}

/** A store's database, as the indexes read it (store.ts opens them; no import, no cycle). */
export type IndexedDatabase = PouchDB.Database<Record<string, unknown>>;

/**
 * Up to `limit` entries of one channel whose ids come after `after` ('' from the start). Deleted
 * documents are never in it. The page includes every write the store had stored when the call
 * was made; a document may be newer than its entry (its own `channels` are the current ones).
 */
export type ChannelReader = (channel: string, after: string, limit: number) => Promise<ChannelPage>;

/**
 * The channel index: each replicated document under every entry of its `channels`, so the initial
 * sync, the record detail and the summary worker read what a channel holds without scanning a
 * database. Derived data: each store keeps it its own way (channel-index-embedded.ts,
 * channel-index-couch.ts) and can rebuild it from the databases.
 */
export interface ChannelIndex<Name extends string = string> {
	reader(name: Name): ChannelReader;
	/** Brings the index of every replicated database up to date (the server does it at start). */
	warm(): Promise<void>;
	close(): Promise<void>;
}
