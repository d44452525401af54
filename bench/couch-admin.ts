import { waitFor } from './support';

/**
 * Requests to a real CouchDB as its server admin, for what the store's PouchDB API does not
 * offer: database and view index sizes, compaction. Node's fetch takes no credentials in a URL,
 * so they go into a `Basic` header.
 */
export interface CouchAdmin {
	/** The server's URL without credentials. */
	origin: string;
	/** The `Authorization` header for the admin. */
	authorization: string;
	request(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
	/** `sizes` of a database (its `.couch` files on every shard). */
	databaseSizes(db: string): Promise<FileSizes>;
	/** `sizes` of a design document's view index. */
	viewSizes(db: string, design: string): Promise<FileSizes>;
	/** Compacts a design document's view index and waits until CouchDB says it is done. */
	compactView(db: string, design: string, timeoutMs: number): Promise<void>;
}

/** Bytes CouchDB reports: `file` on disk, `active` the live data in it. */
export interface FileSizes {
	file: number;
	active: number;
}

export function couchAdmin(url: string): CouchAdmin {
	const base = new URL(url);
	const authorization =
		'Basic ' +
		Buffer.from(
			`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`
		).toString('base64');
	const origin = base.origin;
	const request = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(origin + path, {
			method,
			headers: { authorization, 'content-type': 'application/json' },
			...(body === undefined ? {} : { body: JSON.stringify(body) })
		});
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
		return (await response.json()) as Record<string, unknown>;
	};
	const viewInfo = async (db: string, design: string) =>
		(await request('GET', `/${db}/_design/${design}/_info`))['view_index'] as {
			sizes: FileSizes;
			compact_running: boolean;
			updater_running: boolean;
		};
	return {
		origin,
		authorization,
		request,
		async databaseSizes(db) {
			return (await request('GET', `/${db}`))['sizes'] as FileSizes;
		},
		async viewSizes(db, design) {
			return (await viewInfo(db, design)).sizes;
		},
		async compactView(db, design, timeoutMs) {
			const before = await viewInfo(db, design);
			await request('POST', `/${db}/_compact/${design}`);
			// Compaction runs in the background; `compact_running` may not be set yet right after
			// the request, and is clear for a moment between its phases, so it is done once the
			// file has changed and no compaction task of the database is left.
			const compacting = async () =>
				(
					(await fetch(`${origin}/_active_tasks`, { headers: { authorization } }).then((r) =>
						r.json()
					)) as { type: string; database?: string }[]
				).some((task) => task.type === 'view_compaction' && task.database?.includes(db));
			await waitFor(
				`compaction of ${db}/_design/${design}`,
				async () => {
					const info = await viewInfo(db, design);
					return (
						!info.compact_running && info.sizes.file !== before.sizes.file && !(await compacting())
					);
				},
				timeoutMs,
				100
			);
		}
	};
}
