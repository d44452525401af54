import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { BaodaoDatabase } from './database';
import { PendingChanges } from './pending-changes';

/** The parts of the RxDB database PendingChanges uses: local documents and the writes' feed. */
function fakeDatabase() {
	const eventBulks$ = new Subject<unknown>();
	const saves: string[][] = [];
	let stored: { keys: string[] } | null = null;
	const db = {
		closed: false,
		eventBulks$,
		getLocal() {
			return Promise.resolve(stored && { get: (field: 'keys') => stored?.[field] });
		},
		async upsertLocal(_id: string, data: { keys: string[] }) {
			// A write takes a while, as on a phone's IndexedDB.
			await new Promise((resolve) => setTimeout(resolve, 1));
			saves.push(data.keys);
			stored = data;
		}
	};
	const write = (ids: string[]) =>
		eventBulks$.next({
			isLocal: false,
			context: 'rx-collection-bulk-insert',
			collectionName: 'attendance',
			events: ids.map((documentId) => ({ documentId }))
		});
	return { db: db as unknown as BaodaoDatabase, write, saves };
}

describe('PendingChanges', () => {
	it('saves the pending set a bounded number of times when a thousand writes settle one by one', async () => {
		const { db, write, saves } = fakeDatabase();
		const pending = new PendingChanges(db);
		await pending.start();
		const ids = Array.from({ length: 1000 }, (_, i) => `a${i}`);
		write(ids);
		expect(pending.count$.value).toBe(1000);
		for (const id of ids) pending.settled('attendance', id);
		expect(pending.count$.value).toBe(0);
		await pending.stop();
		expect(saves.length).toBeLessThanOrEqual(3);
		expect(saves.at(-1)).toEqual([]);
	});

	it('keeps what is still pending across a restart', async () => {
		const { db, write } = fakeDatabase();
		const first = new PendingChanges(db);
		await first.start();
		write(['a1', 'a2', 'a3']);
		first.settled('attendance', 'a2');
		await first.stop();
		const again = new PendingChanges(db);
		await again.start();
		expect(again.count$.value).toBe(2);
		await again.stop();
	});
});
