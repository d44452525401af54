import type { StoredDoc } from './stored-doc';
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

function sameChannels(a: readonly string[], b: readonly string[]): boolean {
	const set = new Set(a);
	return set.size === new Set(b).size && b.every((channel) => set.has(channel));
}

interface DepartureRecord {
	rev: string;
	departures: Departure[];
}

async function readRecords(
	store: Store,
	collection: string,
	ids: readonly string[]
): Promise<Map<string, DepartureRecord>> {
	const found = new Map<string, DepartureRecord>();
	if (ids.length === 0) return found;
	const result = await store.db('departures').allDocs({
		keys: ids.map((id) => keyOf(collection, id)),
		include_docs: true
	});
	result.rows.forEach((row, index) => {
		const doc = 'doc' in row ? row.doc : undefined;
		const id = ids[index];
		if (doc && id !== undefined) {
			found.set(id, { rev: doc._rev, departures: doc['departures'] as Departure[] });
		}
	});
	return found;
}

export async function loadDepartures(
	store: Store,
	collection: string,
	ids: readonly string[]
): Promise<Map<string, Departure[]>> {
	const records = await readRecords(store, collection, ids);
	return new Map([...records].map(([id, record]) => [id, record.departures]));
}

/**
 * Records the departures of documents about to be written, before they are: a reader that sees
 * the new version in the feed then finds its departures. A write that then fails leaves a record
 * the next write that moves the document recomputes; a reader that can see the current version
 * ignores it.
 */
export async function recordDepartures(
	store: Store,
	collection: string,
	writes: readonly { prev: StoredDoc | null; nextChannels: readonly string[]; id: string }[]
): Promise<void> {
	// A write that keeps its channels leaves none, and a new document has none to leave: neither
	// can change a record (a stale one names channels the document is in, which readers ignore), so
	// the usual push of new check-ins reads nothing here.
	const moving = writes.filter(
		(write) => write.prev !== null && !sameChannels(channelsOf(write.prev), write.nextChannels)
	);
	const earlier = await readRecords(
		store,
		collection,
		moving.map((w) => w.id)
	);
	const changed = moving.flatMap(({ prev, nextChannels, id }) => {
		const record = earlier.get(id);
		const departures = nextDepartures(record?.departures ?? [], prev, nextChannels);
		// Nothing left before and nothing left now: no write.
		if (!record?.departures.length && departures.length === 0) return [];
		return [{ _id: keyOf(collection, id), ...(record ? { _rev: record.rev } : {}), departures }];
	});
	if (changed.length > 0) await store.db('departures').bulkDocs(changed);
}
