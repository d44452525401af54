import type { ChannelReader } from './channel-index';
import { removalFor, type Departure } from './departures';
import type { FeedPosition } from './seq-token';
import type { StoredDoc } from './stored-doc';
import type { Database } from './store';

export interface ChangeRow {
	id: string;
	changes: { rev: string }[];
	doc: StoredDoc;
	deleted?: true;
}

/** The recorded departures of documents, by id (see departures.ts). */
export type DepartureLookup = (ids: string[]) => Promise<Map<string, Departure[]>>;

/** How many upstream changes one read of the store's feed asks for while filtering. */
const UPSTREAM_BATCH = 500;

function visible(granted: ReadonlySet<string>, doc: Record<string, unknown> | undefined): boolean {
	const channels = doc?.['channels'];
	return Array.isArray(channels) && channels.some((c) => typeof c === 'string' && granted.has(c));
}

function rowOf(doc: StoredDoc): ChangeRow {
	return {
		id: doc._id,
		changes: [{ rev: doc._rev }],
		doc,
		...(doc._deleted ? { deleted: true as const } : {})
	};
}

/**
 * Reads one page of a user's `_changes`. Every page is full or final: RxDB stops pulling at the
 * first page shorter than `limit`, so the reader keeps going upstream until it has `limit`
 * permitted rows or has reached the end of the feed — never a short page in the middle.
 *
 * An initial sync (position with `index`) walks the channel index one granted channel after the
 * other, so it reads what the user may see instead of scanning the whole database; then it follows
 * the changes feed from the sequence taken when the walk began (some documents may come twice,
 * which replication absorbs).
 */
export async function readChanges(
	db: Database,
	inChannel: ChannelReader,
	granted: readonly string[],
	start: FeedPosition,
	limit: number,
	departures: DepartureLookup = () => Promise.resolve(new Map<string, Departure[]>())
): Promise<{ rows: ChangeRow[]; position: FeedPosition }> {
	// The walk goes through the channels in sorted order; `find(c > channel)` relies on it.
	const sorted = [...granted].sort();
	const grantedSet = new Set(sorted);
	const rows: ChangeRow[] = [];
	let position: FeedPosition = start.index
		? { seq: start.seq, index: { ...start.index } }
		: { seq: start.seq };

	while (rows.length < limit && position.index) {
		const { channel, after } = position.index;
		const want = limit - rows.length;
		const page = await inChannel(channel, after, want);
		for (const doc of page.docs) {
			// A document in several granted channels is sent once: under the first of them. Its
			// channels are read from the document, which may be newer than the index entry.
			const firstGranted = (doc['channels'] as string[] | undefined)
				?.filter((c) => grantedSet.has(c))
				.sort()[0];
			if (firstGranted !== channel) continue;
			rows.push(rowOf(doc));
			if (rows.length === limit) break;
		}
		const next = sorted.find((c) => c > channel);
		if (page.more) position = { seq: position.seq, index: { channel, after: page.last } };
		else if (next) position = { seq: position.seq, index: { channel: next, after: '' } };
		else position = { seq: position.seq };
	}

	while (rows.length < limit) {
		const result = await db.changes({
			since: position.seq,
			limit: UPSTREAM_BATCH,
			include_docs: true,
			style: 'all_docs'
		});
		const hidden = result.results.filter((c) => c.doc && !visible(grantedSet, c.doc));
		const departed = await departures(hidden.map((c) => c.id));
		for (const change of result.results) {
			position = { seq: change.seq };
			const doc = change.doc;
			if (!doc) continue;
			const row = visible(grantedSet, doc)
				? doc
				: removalFor(departed.get(change.id), grantedSet, doc);
			if (row) {
				rows.push(rowOf(row));
				if (rows.length === limit) break;
			}
		}
		if (result.results.length < UPSTREAM_BATCH) {
			if (rows.length < limit) position = { seq: result.last_seq };
			break;
		}
	}
	return { rows, position };
}

/** The first position of an initial sync: the channel walk, then the feed from now. */
export function initialPosition(granted: readonly string[], seqNow: string | number): FeedPosition {
	const first = [...granted].sort()[0];
	return first === undefined
		? { seq: seqNow }
		: { seq: seqNow, index: { channel: first, after: '' } };
}
