import type { Database, DatabaseName, Store } from './store';

type Written = PouchDB.Core.Response | PouchDB.Core.Error;
type Doc = Record<string, unknown> & { _id: string };

interface Waiting {
	docs: readonly Doc[];
	resolve(rows: Written[]): void;
	reject(error: unknown): void;
}

/** The most documents one store write takes; a bigger queue is written in several. */
export const GROUP_COMMIT_MAX_DOCS = 2000;

/**
 * Group commit: the pushes that arrive for a database while a write to it is running are written
 * together, as one `bulkDocs`, as soon as it ends. Fifty phones reconnecting at once otherwise
 * make fifty store writes one after another, each with its own transaction and its own wake-up
 * of every changes follower; together they cost about half (bench (g), docs/performance.md).
 * Nothing waits for company: a write to an idle database starts at once. Every document is
 * checked by its own request before it gets here, and each request gets back exactly its own
 * rows, in its own order; the store judges revisions document by document, so two requests
 * creating the same id end as they would one after the other — one written, one a conflict.
 */
export class GroupCommit {
	readonly #queues = new Map<DatabaseName, Waiting[]>();
	readonly #writing = new Set<DatabaseName>();

	constructor(
		private readonly store: Store,
		private readonly maxDocs = GROUP_COMMIT_MAX_DOCS
	) {}

	/** Writes `docs` (new edits, as `bulkDocs` does) and answers their rows in the same order. */
	bulkDocs(name: DatabaseName, docs: readonly Doc[]): Promise<Written[]> {
		if (docs.length === 0) return Promise.resolve([]);
		return new Promise<Written[]>((resolve, reject) => {
			const queue = this.#queues.get(name) ?? [];
			queue.push({ docs, resolve, reject });
			this.#queues.set(name, queue);
			if (!this.#writing.has(name)) void this.#drain(name);
		});
	}

	async #drain(name: DatabaseName): Promise<void> {
		this.#writing.add(name);
		const db = this.store.db(name);
		try {
			for (let group = this.#take(name); group.length > 0; group = this.#take(name)) {
				await write(db, group);
			}
		} finally {
			this.#writing.delete(name);
		}
	}

	/** The waiting writes of the next store write: at least one, then as many as fit. */
	#take(name: DatabaseName): Waiting[] {
		const queue = this.#queues.get(name) ?? [];
		let docs = 0;
		let count = 0;
		for (const waiting of queue) {
			if (count > 0 && docs + waiting.docs.length > this.maxDocs) break;
			docs += waiting.docs.length;
			count++;
		}
		return queue.splice(0, count);
	}
}

async function write(db: Database, group: readonly Waiting[]): Promise<void> {
	try {
		const rows = await db.bulkDocs(group.flatMap((waiting) => waiting.docs));
		let offset = 0;
		for (const waiting of group) {
			waiting.resolve(rows.slice(offset, offset + waiting.docs.length));
			offset += waiting.docs.length;
		}
	} catch (error) {
		for (const waiting of group) waiting.reject(error);
	}
}
