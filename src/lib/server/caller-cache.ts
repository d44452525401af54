import type { Reach } from '../domain/access/channels';
import type { Actor } from '../domain/access/roles';
import type { Watch } from './change-hub';

/** What a session stood for when it was last read from the store. */
export interface CallerRecord {
	actor: Actor;
	displayName: string;
	reach: Reach;
	/** When the session ends (ms since the epoch): checked on every use, cached or not. */
	expiresAt: number;
	/** The documents it was read from, as `<database>/<id>`: a change to any of them drops it. */
	sources: string[];
}

/** The databases a caller is read from (authentication.ts). */
const SOURCES = ['sessions', 'accounts', 'members', 'directory'] as const;

/** How many recent changes are kept to judge the reads that overlapped them. */
const RECENT_CHANGES = 1024;

/** Past this age an entry is read again even if no change was seen: a safety net for a lost feed. */
const MAX_AGE_MS = 60_000;

interface Entry {
	record: CallerRecord;
	readAt: number;
}

/**
 * Remembers who each session is, so a request does not read four documents before it starts: in a
 * burst of 50 phones pushing check-ins those reads outnumbered the check-ins' own writes. The
 * change hubs of the source databases drop an entry as soon as one of its documents changes, in
 * this process or another one sharing the store, so a sign-out, a changed role or residence takes
 * effect within the feed's delay (milliseconds), not at the next sign-in.
 */
export class CallerCache {
	private readonly entries = new Map<string, Entry>();
	/** The sessions read from each source document: a sign-in storm must not scan every entry. */
	private readonly bySource = new Map<string, Set<string>>();
	private unwatch: (() => void)[] = [];
	/** Counts the changes seen; `recent` holds the last of them, so a read that overlapped a change
	 * to one of its sources is not kept. */
	private generation = 0;
	private readonly recent: { generation: number; source: string | null }[] = [];
	private closed = false;

	constructor(
		private readonly watch: Watch,
		private readonly clock: () => number = Date.now,
		private readonly maxEntries = 20_000
	) {}

	/** Follows the source databases (through their change hubs) from now; call before the first request. */
	start(): void {
		this.unwatch = SOURCES.map((name) =>
			// A lost feed (null) may have missed a change to anything.
			this.watch(name, (id) => this.changed(id === null ? null : `${name}/${id}`))
		);
	}

	/** Drops the entries read from `source`, or all of them. */
	private changed(source: string | null): void {
		this.generation++;
		this.recent.push({ generation: this.generation, source });
		if (this.recent.length > RECENT_CHANGES) this.recent.shift();
		if (source === null) {
			this.entries.clear();
			this.bySource.clear();
			return;
		}
		for (const key of [...(this.bySource.get(source) ?? [])]) this.drop(key);
	}

	private keep(key: string, entry: Entry): void {
		this.drop(key);
		this.entries.set(key, entry);
		for (const source of entry.record.sources) {
			let keys = this.bySource.get(source);
			if (!keys) this.bySource.set(source, (keys = new Set()));
			keys.add(key);
		}
	}

	private drop(key: string): void {
		const entry = this.entries.get(key);
		if (!entry) return;
		this.entries.delete(key);
		for (const source of entry.record.sources) {
			const keys = this.bySource.get(source);
			keys?.delete(key);
			if (keys?.size === 0) this.bySource.delete(source);
		}
	}

	/**
	 * The record of session `key`, from memory or else from `load` (null: no such live session,
	 * which is never remembered). An expired session is refused even while remembered.
	 */
	async read(key: string, load: () => Promise<CallerRecord | null>): Promise<CallerRecord | null> {
		const now = this.clock();
		const entry = this.entries.get(key);
		if (entry && now - entry.readAt < MAX_AGE_MS) {
			return entry.record.expiresAt > now ? entry.record : null;
		}
		const generation = this.generation;
		const record = await load();
		if (record && !this.closed && !this.changedSince(generation, record.sources)) {
			this.keep(key, { record, readAt: now });
			// The oldest read goes first; Map keeps insertion order.
			if (this.entries.size > this.maxEntries) {
				const oldest = this.entries.keys().next().value;
				if (oldest !== undefined) this.drop(oldest);
			}
		}
		return record;
	}

	private changedSince(generation: number, sources: readonly string[]): boolean {
		if (generation === this.generation) return false;
		const oldest = this.recent[0]?.generation ?? Infinity;
		// The changes right after `generation` are no longer kept: assume the worst.
		if (oldest > generation + 1) return true;
		return this.recent.some(
			(change) =>
				change.generation > generation &&
				(change.source === null || sources.includes(change.source))
		);
	}

	/** Forgets one session at once (its sign-out in this process). */
	forget(key: string): void {
		this.drop(key);
	}

	get size(): number {
		return this.entries.size;
	}

	close(): void {
		this.closed = true;
		for (const unwatch of this.unwatch) unwatch();
		this.unwatch = [];
		this.entries.clear();
		this.bySource.clear();
	}
}
