import { BehaviorSubject, filter, map, type Observable, type Subscription } from 'rxjs';
import { isCollectionName, type CollectionName } from '../domain/registry';
import type { BaodaoDatabase } from './database';

const LOCAL_DOC = 'pending-changes';

export interface DeviceWrite {
	collection: CollectionName;
	ids: string[];
}

/**
 * Writes made on this device, as opposed to writes a replication made with the server's state
 * (RxDB marks those with a `replication…` context).
 */
export function deviceWrites(db: BaodaoDatabase): Observable<DeviceWrite> {
	return db.eventBulks$.pipe(
		filter((bulk) => !bulk.isLocal && !bulk.context.startsWith('replication')),
		filter((bulk) => isCollectionName(bulk.collectionName ?? '')),
		map((bulk) => ({
			collection: bulk.collectionName as CollectionName,
			ids: bulk.events.map((event) => event.documentId)
		}))
	);
}

/**
 * Counts local writes the server has not yet taken. A write made on the device is pending until
 * its replication reports it sent (accepted) or resolved as a conflict (refused and reverted).
 * The set is kept in a local document so the count survives a reload.
 */
export class PendingChanges {
	readonly count$ = new BehaviorSubject(0);
	private readonly keys = new Set<string>();
	private subscription: Subscription | undefined;
	private saving = Promise.resolve();
	/** A save is queued and has not read the keys yet: later changes ride along with it. */
	private saveQueued = false;

	constructor(private readonly db: BaodaoDatabase) {}

	async start(): Promise<void> {
		const saved = await this.db.getLocal<{ keys: string[] }>(LOCAL_DOC);
		const keys = (saved?.get('keys') as string[] | undefined) ?? [];
		// A change kept for a collection the layout no longer has (a replica of layout 1, whose
		// collections are left unopened) can never be pushed: it is not counted as waiting.
		const kept = keys.filter((key) => isCollectionName(key.slice(0, key.indexOf('/'))));
		for (const key of kept) this.keys.add(key);
		this.publish(kept.length < keys.length);
		this.subscription = deviceWrites(this.db).subscribe(({ collection, ids }) => {
			for (const id of ids) this.keys.add(`${collection}/${id}`);
			this.publish(true);
		});
	}

	/** Whether a write to the collection waits to be pushed. */
	has(collection: CollectionName): boolean {
		return [...this.keys].some((key) => key.startsWith(`${collection}/`));
	}

	settled(collection: CollectionName, id: string): void {
		if (this.keys.delete(`${collection}/${id}`)) this.publish(true);
	}

	clear(): void {
		this.keys.clear();
		this.publish(true);
	}

	/**
	 * Saves at most one write behind the running one: a push of a thousand documents settles them
	 * one by one, and a copy of the whole set per document made that quadratic.
	 */
	private publish(save: boolean) {
		this.count$.next(this.keys.size);
		if (!save || this.db.closed || this.saveQueued) return;
		this.saveQueued = true;
		this.saving = this.saving
			.then(async () => {
				this.saveQueued = false;
				if (!this.db.closed) await this.db.upsertLocal(LOCAL_DOC, { keys: [...this.keys] });
			})
			.catch(() => undefined);
	}

	async stop(): Promise<void> {
		this.subscription?.unsubscribe();
		await this.saving;
	}
}
