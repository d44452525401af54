import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { BaodaoDatabase } from './database';
import { keepLastSynced } from './last-synced';
import { initialSyncStatus, type SyncStatus } from './sync-status';

/** The local documents of an RxDB database, kept in a map, as `keepLastSynced` uses them. */
function fakeDatabase() {
	const stored = new Map<string, { at: string }>();
	const db = {
		getLocal(id: string) {
			const data = stored.get(id);
			return Promise.resolve(data && { get: (field: 'at') => data[field] });
		},
		upsertLocal(id: string, data: { at: string }) {
			stored.set(id, data);
			return Promise.resolve();
		}
	};
	return db as unknown as BaodaoDatabase;
}

describe('keepLastSynced', () => {
	it('gives a reopened replica the time its last sync finished', async () => {
		const db = fakeDatabase();
		const before = new BehaviorSubject<SyncStatus>(initialSyncStatus);
		const saving = await keepLastSynced(db, before);
		before.next({ ...before.getValue(), lastSyncedAt: new Date('2026-11-29T13:05:00.000Z') });
		saving.unsubscribe();

		const reopened = new BehaviorSubject<SyncStatus>(initialSyncStatus);
		(await keepLastSynced(db, reopened)).unsubscribe();
		expect(reopened.getValue().lastSyncedAt).toEqual(new Date('2026-11-29T13:05:00.000Z'));
	});

	it('leaves a replica that never synced without a time', async () => {
		const status = new BehaviorSubject<SyncStatus>(initialSyncStatus);
		(await keepLastSynced(fakeDatabase(), status)).unsubscribe();
		expect(status.getValue().lastSyncedAt).toBeNull();
	});

	it('keeps a newer time the replica already has', async () => {
		const db = fakeDatabase();
		const first = new BehaviorSubject<SyncStatus>(initialSyncStatus);
		const saving = await keepLastSynced(db, first);
		first.next({ ...first.getValue(), lastSyncedAt: new Date('2026-11-29T13:05:00.000Z') });
		saving.unsubscribe();

		const newer = new Date('2026-11-29T13:06:00.000Z');
		const status = new BehaviorSubject<SyncStatus>({ ...initialSyncStatus, lastSyncedAt: newer });
		(await keepLastSynced(db, status)).unsubscribe();
		expect(status.getValue().lastSyncedAt).toEqual(newer);
	});
});
