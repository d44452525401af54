import { BehaviorSubject, type Subscription } from 'rxjs';
import { collectionNames, type CollectionName } from '../domain/collections';
import type { BaodaoDatabase } from './database';

const LOCAL_DOC = 'pending-changes';

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

	constructor(private readonly db: BaodaoDatabase) {}

	async start(): Promise<void> {
		const saved = await this.db.getLocal<{ keys: string[] }>(LOCAL_DOC);
		const keys = (saved?.get('keys') as string[] | undefined) ?? [];
		for (const key of keys) this.keys.add(key);
		this.publish(false);
		this.subscription = this.db.eventBulks$.subscribe((bulk) => {
			const name = bulk.collectionName;
			// Writes made by a replication are the server's own state, not pending work.
			if (bulk.isLocal || !name || bulk.context.startsWith('replication')) return;
			if (!(collectionNames as readonly string[]).includes(name)) return;
			for (const event of bulk.events) this.keys.add(`${name}/${event.documentId}`);
			this.publish(true);
		});
	}

	settled(collection: CollectionName, id: string): void {
		if (this.keys.delete(`${collection}/${id}`)) this.publish(true);
	}

	has(collection: CollectionName): boolean {
		for (const key of this.keys) if (key.startsWith(`${collection}/`)) return true;
		return false;
	}

	clear(): void {
		this.keys.clear();
		this.publish(true);
	}

	private publish(save: boolean) {
		this.count$.next(this.keys.size);
		if (!save || this.db.closed) return;
		const keys = [...this.keys];
		this.saving = this.saving
			.then(() => this.db.upsertLocal(LOCAL_DOC, { keys }))
			.then(() => undefined)
			.catch(() => undefined);
	}

	async stop(): Promise<void> {
		this.subscription?.unsubscribe();
		await this.saving;
	}
}
