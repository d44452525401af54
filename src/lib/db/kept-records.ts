import type { RecordDetail } from '../domain/access/record-detail';
import { databaseNameFor } from './database';

/**
 * Detail fetched online, kept on the device for offline viewing: a small key-value store in its
 * own IndexedDB database beside the replica, never in a replicated collection (whatever is there
 * would be pushed back to the server). One database per user, deleted at sign-out.
 *
 * A plain IndexedDB wrapper rather than a library: each call opens the database and closes it
 * again, so deleting it at sign-out is never blocked by a connection left open.
 */

const STORE = 'records';
const BY_FETCHED = 'fetchedAt';
/** The oldest copies give way beyond this many: a drill-down cache, not a second replica. */
export const MAX_KEPT = 200;

function databaseName(username: string): string {
	return `${databaseNameFor(username)}-kept`;
}

function open(username: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(databaseName(username), 1);
		request.onupgradeneeded = () => {
			request.result.createObjectStore(STORE).createIndex(BY_FETCHED, 'fetchedAt');
		};
		request.onsuccess = () => {
			const db = request.result;
			// Sign-out deleting the database must not wait for this connection.
			db.onversionchange = () => db.close();
			resolve(db);
		};
		request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed.'));
	});
}

async function transact<T>(
	username: string,
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T> | null
): Promise<T | undefined> {
	const db = await open(username);
	try {
		return await new Promise<T | undefined>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const request = work(tx.objectStore(STORE));
			tx.oncomplete = () => resolve(request?.result);
			tx.onerror = tx.onabort = () =>
				reject(tx.error ?? new Error('IndexedDB transaction failed.'));
		});
	} finally {
		db.close();
	}
}

/** The copy kept under `key`, if any. */
export function keptRecords<T extends RecordDetail>(
	username: string,
	key: string
): Promise<T | undefined> {
	return transact(
		username,
		'readonly',
		(store) => store.get(key) as IDBRequest<T | undefined>
	).then((found) => found ?? undefined);
}

/** Keeps a fetched answer under `key`, replacing the previous copy; drops the oldest beyond the cap. */
export async function keepRecords(username: string, key: string, records: RecordDetail) {
	await transact(username, 'readwrite', (store) => {
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
	await transact(username, 'readwrite', (store) => store.delete(key));
}

/** Deletes every kept copy of a user: part of signing out. */
export function deleteKeptRecords(username: string): Promise<void> {
	return new Promise((resolve) => {
		const request = indexedDB.deleteDatabase(databaseName(username));
		// Like the replica's databases: a tab holding it open blocks the deletion; do not wait for it.
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
}
