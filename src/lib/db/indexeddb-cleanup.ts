/**
 * RxDB's Dexie storage empties its tables on remove but leaves the (empty) IndexedDB databases,
 * whose names still say whose they were. Signing out deletes them too.
 */
export async function deleteIndexedDatabases(rxdbName: string): Promise<void> {
	const prefix = `rxdb-dexie-${rxdbName}--`;
	const all = await indexedDB.databases();
	await Promise.all(
		all
			.map((info) => info.name ?? '')
			.filter((name) => name.startsWith(prefix))
			.map(
				(name) =>
					new Promise<void>((resolve) => {
						const request = indexedDB.deleteDatabase(name);
						// A tab still holding it open blocks deletion until it closes; do not wait for that.
						request.onsuccess = request.onerror = request.onblocked = () => resolve();
					})
			)
	);
}
