import { ClassicLevel } from 'classic-level';
import type { ChannelIndex, ChannelReader, IndexedDatabase } from './channel-index';
import type { StoredDoc } from './stored-doc';

/**
 * Bumped whenever the layout of the keys or values changes: an index of another version is
 * dropped and rebuilt from the databases.
 */
export const CHANNEL_INDEX_VERSION = '1';

/** How many changes one step of the build reads and writes at once. */
const BUILD_BATCH = 1000;

// Key layout, one LevelDB for all databases (keys compare as UTF-8 bytes):
//   version                       → CHANNEL_INDEX_VERSION
//   s\0<db>                       → JSON sequence of <db> the index includes
//   d\0<db>\0<id>                 → JSON of the document, once however many channels it is in
//   c\0<db>\0<channel>\0<id>      → '' (one entry per channel)
const VERSION_KEY = 'version';
const seqKey = (name: string) => `s\0${name}`;
const docPrefix = (name: string) => `d\0${name}\0`;
const channelPrefix = (name: string, channel: string) => `c\0${name}\0${channel}\0`;
/** Just above every key starting with `prefix` (which ends in \0). */
const pastPrefix = (prefix: string) => prefix.slice(0, -1) + '\x01';

type Batch = { type: 'put'; key: string; value: string } | { type: 'del'; key: string };

function channelsOf(doc: Record<string, unknown> | undefined): string[] {
	const channels = doc?.['channels'];
	return Array.isArray(channels)
		? [...new Set(channels.filter((c): c is string => typeof c === 'string'))]
		: [];
}

/**
 * The embedded store's channel index: a LevelDB of its own, next to the databases.
 *
 * PouchDB's map/reduce stores every view row as a revisioned document in a LevelDB of its own
 * (about 1.2–1.6 ms and 250 bytes per row before the value), so this index is kept by hand:
 * one key per channel entry and one copy of the document, the walk reading the documents of a
 * channel page with one `getMany` (PouchDB's `allDocs({keys})` costs one iterator per key).
 *
 * It follows each database's changes feed from a checkpoint stored with the entries, in the same
 * atomic batch. Like a view it is brought up to date before every read, one update at a time per
 * database, so a read never sees the index older than the moment it started.
 */
export class EmbeddedChannelIndex<Name extends string> implements ChannelIndex<Name> {
	private readonly level: ClassicLevel<string, string>;
	private opened: Promise<void> | undefined;
	/** The sequence of each database the index includes, once known. */
	private readonly included = new Map<Name, string | number>();
	private readonly updates = new Map<Name, { running: Promise<void>; queued?: Promise<void> }>();

	constructor(
		location: string,
		private readonly db: (name: Name) => IndexedDatabase,
		private readonly replicated: readonly Name[]
	) {
		this.level = new ClassicLevel(location, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
	}

	reader(name: Name): ChannelReader {
		return async (channel, after, limit) => {
			await this.upToDate(name);
			const prefix = channelPrefix(name, channel);
			// One snapshot for both reads, so an update in between cannot take a document away.
			const snapshot = this.level.snapshot();
			try {
				// One more key tells whether the channel goes on.
				const keys = await this.level
					.keys({
						gt: prefix + after,
						lt: pastPrefix(prefix),
						limit: Number.isFinite(limit) ? limit + 1 : -1,
						snapshot
					})
					.all();
				const ids = keys.slice(0, limit).map((key) => key.slice(prefix.length));
				const values = await this.level.getMany(
					ids.map((id) => docPrefix(name) + id),
					{ snapshot }
				);
				return {
					docs: values.flatMap((value) => (value ? [JSON.parse(value) as StoredDoc] : [])),
					last: ids.at(-1) ?? after,
					more: keys.length > limit
				};
			} finally {
				await snapshot.close();
			}
		};
	}

	async warm(): Promise<void> {
		for (const name of this.replicated) {
			await this.upToDate(name);
			// Removes the index folders of PouchDB views no design document defines any more: the
			// former `by_channel` with the whole document as value, five times the data's size.
			await this.db(name).viewCleanup();
		}
	}

	async close(): Promise<void> {
		await Promise.all([...this.updates.values()].map((u) => u.running.catch(() => undefined)));
		await this.level.close();
	}

	/**
	 * Resolves once the index holds every change stored before the call. Callers arriving while
	 * an update waits to start share it; one arriving while an update runs queues the next.
	 */
	private upToDate(name: Name): Promise<void> {
		let state = this.updates.get(name);
		if (!state) {
			state = { running: Promise.resolve() };
			this.updates.set(name, state);
		}
		if (state.queued) return state.queued;
		const current = state;
		const next = current.running
			.catch(() => undefined)
			.then(() => {
				current.queued = undefined;
				return this.update(name);
			});
		current.queued = next;
		current.running = next;
		return next;
	}

	private open(): Promise<void> {
		this.opened ??= (async () => {
			await this.level.open();
			const version = await this.level.get(VERSION_KEY);
			if (version === CHANNEL_INDEX_VERSION) return;
			await this.level.clear();
			await this.level.put(VERSION_KEY, CHANNEL_INDEX_VERSION);
		})();
		return this.opened;
	}

	private async update(name: Name): Promise<void> {
		await this.open();
		const db = this.db(name);
		// PouchDB keeps the sequence in memory: an index already up to date costs no read.
		const head = (await db.info()).update_seq;
		let since = this.included.get(name) ?? (await this.storedSeq(name));
		if (since === head) return;
		// A database replaced by an older copy (a restore without its index): start over.
		if (since !== 0 && Number(since) > Number(head)) {
			await this.forget(name);
			since = 0;
		}
		for (;;) {
			const changes = await db.changes({ since, limit: BUILD_BATCH, include_docs: true });
			if (changes.results.length === 0) return;
			const docKeys = changes.results.map((change) => docPrefix(name) + change.id);
			const before = await this.level.getMany(docKeys);
			const batch: Batch[] = [];
			changes.results.forEach((change, i) => {
				const docKey = docKeys[i] as string;
				const previous = before[i];
				const doc = change.deleted ? undefined : change.doc;
				const now = channelsOf(doc);
				const was = previous ? channelsOf(JSON.parse(previous) as StoredDoc) : [];
				for (const channel of was) {
					if (!now.includes(channel))
						batch.push({ type: 'del', key: channelPrefix(name, channel) + change.id });
				}
				if (now.length === 0) {
					if (previous) batch.push({ type: 'del', key: docKey });
					return;
				}
				batch.push({ type: 'put', key: docKey, value: JSON.stringify(doc) });
				for (const channel of now) {
					if (!was.includes(channel))
						batch.push({ type: 'put', key: channelPrefix(name, channel) + change.id, value: '' });
				}
			});
			since = changes.last_seq;
			batch.push({ type: 'put', key: seqKey(name), value: JSON.stringify(since) });
			await this.level.batch(batch);
			this.included.set(name, since);
			if (changes.results.length < BUILD_BATCH) return;
		}
	}

	private async storedSeq(name: Name): Promise<string | number> {
		const stored = await this.level.get(seqKey(name));
		return stored === undefined ? 0 : (JSON.parse(stored) as string | number);
	}

	/** Drops one database's entries. */
	private async forget(name: Name): Promise<void> {
		this.included.delete(name);
		await this.level.clear({ gte: docPrefix(name), lt: pastPrefix(docPrefix(name)) });
		await this.level.clear({ gte: `c\0${name}\0`, lt: `c\0${name}\x01` });
		await this.level.del(seqKey(name));
	}
}
