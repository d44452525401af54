import type { Database, DatabaseName, Store } from './store';

interface Listener {
	channels: ReadonlySet<string>;
	notify: () => void;
}

/** A standing interest in one database's changes, for as long as a live stream is open. */
export interface HubSubscription {
	/** The caller's channels changed: from now on only these count. Also resumes a lost feed. */
	update(channels: ReadonlySet<string>): void;
	unsubscribe(): void;
}

/**
 * Follows one database's changes feed once per process and tells the longpolls and live streams
 * whose channels a change touches. Listeners only learn *that* something changed; they then read
 * the feed themselves through the same filtered path as any other request.
 */
/** Told the id of every change, or null when the feed was lost and anything may have changed. */
export type ChangeWatcher = (id: string | null) => void;

const RETRY_MS = 1_000;

/** Watches one database through its hub until the returned function is called. */
export type Watch = (name: DatabaseName, onChange: ChangeWatcher) => () => void;

export class ChangeHub {
	private readonly listeners = new Set<Listener>();
	private readonly watchers = new Set<ChangeWatcher>();
	private feed: PouchDB.Core.Changes<Record<string, unknown>> | undefined;
	private retry: ReturnType<typeof setTimeout> | undefined;
	/**
	 * Where the feed has been read up to: a lost feed (a CouchDB node died under it) resumes
	 * there, so a change made while it was lost still wakes the longpolls and streams.
	 */
	private since: string | number = 'now';

	constructor(private readonly db: Database) {}

	private resume(): void {
		this.retry = undefined;
		if (this.watchers.size > 0 || this.listeners.size > 0) this.follow();
	}

	/** Starts following the feed (once); `wait` and `subscribe` do it too. */
	follow(): void {
		if (this.feed) return;
		this.feed = this.db.changes({ since: this.since, live: true, include_docs: true });
		if (this.since === 'now') {
			// Before any change has come, the store's position when following began.
			void this.db
				.info()
				.then((info) => {
					if (this.since === 'now') this.since = info.update_seq;
				})
				.catch(() => undefined);
		}
		void this.feed.on('change', (change) => {
			this.since = change.seq;
			for (const watcher of this.watchers) watcher(change.id);
			const touched = change.doc?.['channels'];
			if (!Array.isArray(touched)) return;
			for (const listener of this.listeners) {
				if (touched.some((c) => typeof c === 'string' && listener.channels.has(c)))
					listener.notify();
			}
		});
		void this.feed.on('error', () => {
			// The store went away (restart, network, a node of the cluster): follow again on the
			// next wait or update, and by itself for standing watchers and live streams.
			this.feed = undefined;
			for (const watcher of this.watchers) watcher(null);
			// Anything may have changed meanwhile: longpolls and streams read their feeds again.
			for (const listener of [...this.listeners]) listener.notify();
			// A second later, so a store that is down is not asked in a tight loop.
			if (this.watchers.size > 0 || this.listeners.size > 0) {
				this.retry ??= setTimeout(() => this.resume(), RETRY_MS);
			}
		});
	}

	/**
	 * Resolves true when a change in one of `channels` happens, false at the timeout or once one of
	 * `signals` is aborted (the request, the process shutting down) — at once if one already is.
	 * Register before reading the feed, so no change falls between the two.
	 */
	wait(channels: ReadonlySet<string>, timeoutMs: number, signals: readonly AbortSignal[] = []) {
		if (signals.some((signal) => signal.aborted)) {
			return { woken: Promise.resolve(false), cancel: () => undefined };
		}
		this.follow();
		let settle: (woken: boolean) => void = () => undefined;
		const woken = new Promise<boolean>((resolve) => (settle = resolve));
		const listener: Listener = { channels, notify: () => finish(true) };
		const timer = setTimeout(() => finish(false), timeoutMs);
		const onAbort = () => finish(false);
		for (const signal of signals) signal.addEventListener('abort', onAbort);
		const finish = (result: boolean) => {
			clearTimeout(timer);
			for (const signal of signals) signal.removeEventListener('abort', onAbort);
			this.listeners.delete(listener);
			settle(result);
		};
		this.listeners.add(listener);
		return { woken, cancel: () => finish(false) };
	}

	/** Calls `onChange` for every change in one of `channels` until unsubscribed. */
	subscribe(channels: ReadonlySet<string>, onChange: () => void): HubSubscription {
		this.follow();
		const listener: Listener = { channels, notify: onChange };
		this.listeners.add(listener);
		return {
			update: (next) => {
				this.follow();
				listener.channels = next;
			},
			unsubscribe: () => this.listeners.delete(listener)
		};
	}

	/**
	 * Calls `onChange` for every change, whatever its channels, until the returned function is
	 * called: the server's own followers (the summary worker, caches) share the hub's one feed
	 * instead of each reading the database's changes again.
	 */
	watch(onChange: ChangeWatcher): () => void {
		this.follow();
		this.watchers.add(onChange);
		return () => this.watchers.delete(onChange);
	}

	/** Longpolls waiting and live streams subscribed. */
	get listening(): number {
		return this.listeners.size;
	}

	close() {
		clearTimeout(this.retry);
		this.feed?.cancel();
		this.feed = undefined;
		for (const listener of [...this.listeners]) listener.notify();
		this.listeners.clear();
		this.watchers.clear();
	}
}

/** One hub per database of a store, made on first use: the process's one feed of each. */
export class ChangeHubs {
	private readonly hubs = new Map<DatabaseName, ChangeHub>();

	constructor(private readonly store: Store) {}

	of(name: DatabaseName): ChangeHub {
		let hub = this.hubs.get(name);
		if (!hub) {
			hub = new ChangeHub(this.store.db(name));
			this.hubs.set(name, hub);
		}
		return hub;
	}

	/** Longpolls waiting and live streams subscribed, over every database. */
	get listening(): number {
		return [...this.hubs.values()].reduce((sum, hub) => sum + hub.listening, 0);
	}

	close(): void {
		for (const hub of this.hubs.values()) hub.close();
	}
}
