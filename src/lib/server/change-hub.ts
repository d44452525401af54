import type { Database } from './store';

interface Waiter {
	channels: ReadonlySet<string>;
	wake: () => void;
}

/**
 * Follows one database's changes feed once per process and wakes the longpolls whose channels a
 * change touches. Waiters only learn *that* something changed; they then read the feed themselves
 * through the same filtered path as any other request.
 */
export class ChangeHub {
	private readonly waiters = new Set<Waiter>();
	private feed: PouchDB.Core.Changes<Record<string, unknown>> | undefined;

	constructor(private readonly db: Database) {}

	/** Starts following the feed (once); `wait` does it too. */
	follow(): void {
		if (this.feed) return;
		this.feed = this.db.changes({ since: 'now', live: true, include_docs: true });
		void this.feed.on('change', (change) => {
			const touched = change.doc?.['channels'];
			if (!Array.isArray(touched)) return;
			for (const waiter of this.waiters) {
				if (touched.some((c) => typeof c === 'string' && waiter.channels.has(c))) waiter.wake();
			}
		});
		void this.feed.on('error', () => {
			// The store went away (restart, network): follow again on the next wait.
			this.feed = undefined;
		});
	}

	/**
	 * Resolves true when a change in one of `channels` happens, false at the timeout or when the
	 * request is aborted. Register before reading the feed, so no change falls between the two.
	 */
	wait(channels: ReadonlySet<string>, timeoutMs: number, signal?: AbortSignal) {
		this.follow();
		let settle: (woken: boolean) => void = () => undefined;
		const woken = new Promise<boolean>((resolve) => (settle = resolve));
		const waiter: Waiter = { channels, wake: () => finish(true) };
		const timer = setTimeout(() => finish(false), timeoutMs);
		const onAbort = () => finish(false);
		signal?.addEventListener('abort', onAbort);
		const finish = (result: boolean) => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			this.waiters.delete(waiter);
			settle(result);
		};
		this.waiters.add(waiter);
		return { woken, cancel: () => finish(false) };
	}

	get listening(): number {
		return this.waiters.size;
	}

	close() {
		this.feed?.cancel();
		this.feed = undefined;
		for (const waiter of [...this.waiters]) waiter.wake();
	}
}
