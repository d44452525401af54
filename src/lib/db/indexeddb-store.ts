import { databaseNameFor } from './database';

/**
 * A user's own IndexedDB database of one object store, beside the replica and never replicated:
 * what the device keeps outside RxDB (kept records, the evidence outbox). Plain IndexedDB rather
 * than a library: each call opens the database and closes it again, so deleting it at sign-out is
 * never blocked by a connection left open.
 */
export interface IndexedDbStore {
	/** Runs `work` in one transaction; resolves with its request's result once it commits. */
	transact<T>(
		username: string,
		mode: IDBTransactionMode,
		work: (store: IDBObjectStore) => IDBRequest<T> | null
	): Promise<T | undefined>;
	/** Deletes the user's database: part of signing out. */
	remove(username: string): Promise<void>;
}

/** The store `storeName` in database `<user's replica>-<suffix>`; `create` adds its indexes. */
export function indexedDbStore(
	suffix: string,
	storeName: string,
	create: (store: IDBObjectStore) => void = () => undefined
): IndexedDbStore {
	const databaseName = (username: string) => `${databaseNameFor(username)}-${suffix}`;

	const open = (username: string) =>
		new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(databaseName(username), 1);
			request.onupgradeneeded = () => create(request.result.createObjectStore(storeName));
			request.onsuccess = () => {
				const db = request.result;
				// Sign-out deleting the database must not wait for this connection.
				db.onversionchange = () => db.close();
				resolve(db);
			};
			request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed.'));
		});

	return {
		async transact(username, mode, work) {
			const db = await open(username);
			try {
				return await new Promise((resolve, reject) => {
					const tx = db.transaction(storeName, mode);
					const request = work(tx.objectStore(storeName));
					tx.oncomplete = () => resolve(request?.result);
					tx.onerror = tx.onabort = () =>
						reject(tx.error ?? new Error('IndexedDB transaction failed.'));
				});
			} finally {
				db.close();
			}
		},
		remove(username) {
			return new Promise((resolve) => {
				const request = indexedDB.deleteDatabase(databaseName(username));
				// Like the replica's databases: a tab holding it open blocks the deletion; do not wait.
				request.onsuccess = request.onerror = request.onblocked = () => resolve();
			});
		}
	};
}
