import type { StoredDoc } from './changes-reader';
import type { Store } from './store';

/**
 * A document that leaves channels (a member moves to another residence community, say) must also
 * leave the devices that held it only through those channels: the feed, filtered by the current
 * channels, would never tell them. For each such document the server keeps which channels it left
 * and the last version each of them was allowed to see; a device granted one of those channels,
 * and none of the current ones, receives that version marked deleted — never the new content.
 */
export interface Departure {
	channels: string[];
	/** The version those channels last saw. */
	body: StoredDoc;
}

/** How many past moves of one document are remembered. */
const MAX_DEPARTURES = 10;

function keyOf(collection: string, id: string): string {
	return `${collection}/${id}`;
}

/**
 * The departures after `prev` is replaced by a version in `nextChannels`: channels `prev` had
 * and the next version lacks are added; channels the next version has again are dropped.
 */
export function nextDepartures(
	earlier: readonly Departure[],
	prev: StoredDoc | null,
	nextChannels: readonly string[]
): Departure[] {
	const current = new Set(nextChannels);
	const left = (channels: readonly string[]) => channels.filter((c) => !current.has(c));
	const moves = prev ? [...earlier, { channels: channelsOf(prev), body: prev }] : [...earlier];
	return moves
		.map((move) => ({ ...move, channels: left(move.channels) }))
		.filter((move) => move.channels.length > 0)
		.slice(-MAX_DEPARTURES);
}

/** The deletion a reader granted `granted` should receive for a document it can no longer see. */
export function removalFor(
	departures: readonly Departure[] | undefined,
	granted: ReadonlySet<string>,
	current: StoredDoc
): StoredDoc | null {
	const last = departures?.findLast((move) => move.channels.some((c) => granted.has(c)));
	return last ? { ...last.body, _rev: current._rev, _deleted: true } : null;
}

function channelsOf(doc: StoredDoc): string[] {
	const channels = doc['channels'];
	return Array.isArray(channels) ? channels.filter((c): c is string => typeof c === 'string') : [];
}

export async function loadDepartures(
	store: Store,
	collection: string,
	ids: readonly string[]
): Promise<Map<string, Departure[]>> {
	const found = new Map<string, Departure[]>();
	if (ids.length === 0) return found;
	const result = await store.db('departures').allDocs({
		keys: ids.map((id) => keyOf(collection, id)),
		include_docs: true
	});
	result.rows.forEach((row, index) => {
		const departures =
			'doc' in row ? (row.doc?.['departures'] as Departure[] | undefined) : undefined;
		const id = ids[index];
		if (departures && id !== undefined) found.set(id, departures);
	});
	return found;
}

/**
 * Records the departures of documents about to be written, before they are: a reader that sees
 * the new version in the feed then finds its departures. A write that then fails leaves a record
 * the next write recomputes; a reader that can see the current version ignores it.
 */
export async function recordDepartures(
	store: Store,
	collection: string,
	writes: readonly { prev: StoredDoc | null; nextChannels: readonly string[]; id: string }[]
): Promise<void> {
	const earlier = await loadDepartures(
		store,
		collection,
		writes.map((w) => w.id)
	);
	const db = store.db('departures');
	const changed = writes.flatMap(({ prev, nextChannels, id }) => {
		const before = earlier.get(id) ?? [];
		const after = nextDepartures(before, prev, nextChannels);
		if (before.length === 0 && after.length === 0) return [];
		return [{ id, departures: after }];
	});
	if (changed.length === 0) return;
	const existing = await db.allDocs({ keys: changed.map((c) => keyOf(collection, c.id)) });
	await db.bulkDocs(
		changed.map(({ id, departures }, index) => {
			const row = existing.rows[index];
			const rev =
				row && 'value' in row && row.value && !row.value.deleted ? row.value.rev : undefined;
			return { _id: keyOf(collection, id), ...(rev ? { _rev: rev } : {}), departures };
		})
	);
}
