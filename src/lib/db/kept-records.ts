import type { RecordDetail } from '../domain/access/record-detail';
import { indexedDbStore } from './indexeddb-store';

/**
 * Detail fetched online, kept on the device for offline viewing: a small key-value store in its
 * own IndexedDB database beside the replica, never in a replicated collection (whatever is there
 * would be pushed back to the server). One database per user, deleted at sign-out.
 */

const BY_FETCHED = 'fetchedAt';
/** The oldest copies give way beyond this many: a drill-down cache, not a second replica. */
export const MAX_KEPT = 200;

const kept = indexedDbStore('kept', 'records', (store) =>
	store.createIndex(BY_FETCHED, 'fetchedAt')
);

/** The copy kept under `key`, if any. */
export function keptRecords<T extends RecordDetail>(
	username: string,
	key: string
): Promise<T | undefined> {
	return kept
		.transact(username, 'readonly', (store) => store.get(key) as IDBRequest<T | undefined>)
		.then((found) => found ?? undefined);
}

/** Keeps a fetched answer under `key`, replacing the previous copy; drops the oldest beyond the cap. */
export async function keepRecords(username: string, key: string, records: RecordDetail) {
	await kept.transact(username, 'readwrite', (store) => {
		store.put(records, key);
		const counted = store.count();
		counted.onsuccess = () => {
			let excess = counted.result - MAX_KEPT;
			if (excess <= 0) return;
			const oldest = store.index(BY_FETCHED).openKeyCursor();
			oldest.onsuccess = () => {
				const cursor = oldest.result;
				if (!cursor || excess-- <= 0) return;
				store.delete(cursor.primaryKey);
				cursor.continue();
			};
		};
		return null;
	});
}

/** Forgets one copy, e.g. when the server no longer shows those records to this user. */
export async function forgetRecords(username: string, key: string) {
	await kept.transact(username, 'readwrite', (store) => store.delete(key));
}

/** Deletes every kept copy of a user: part of signing out. */
export function deleteKeptRecords(username: string): Promise<void> {
	return kept.remove(username);
}
