import type { ReplicationPushOptions } from 'rxdb';

/** The part of a replication this needs: its push options, whose handler it wraps. */
interface Pushing {
	readonly push?: ReplicationPushOptions<unknown> | undefined;
}

/**
 * A push of new documents makes one request, not two. RxDB's CouchDB plugin looks up the
 * server's version of every document of a push batch (`POST _all_docs`) before writing the batch
 * (`POST _bulk_docs`). For a document the replication has never had from the server (no assumed
 * master state) the lookup decides nothing: the plugin takes any version it finds as a conflict,
 * and when it finds none the gateway answers a creation over an existing document as a conflict,
 * after which the plugin fetches that version (`GET _all_docs`) and reports the same conflict. So
 * while a batch of creations only is being pushed, its lookup is answered here, as "none of them",
 * and a phone sending its offline check-ins saves a round trip per batch on a poor network (and
 * the server half of the requests, bench (g)).
 */
export class CreationPushes {
	/** `collection/id` of the documents being created, with how many batches push each. */
	readonly #creating = new Map<string, number>();

	/** Wraps the replication's push handler to note the creations it sends. */
	track(collection: string, state: Pushing, idOf: (doc: object) => string): void {
		const push = state.push;
		if (!push) return;
		const send = push.handler;
		push.handler = async (rows) => {
			const creations = rows.every((row) => !row.assumedMasterState)
				? rows.map((row) => `${collection}/${idOf(row.newDocumentState)}`)
				: [];
			for (const key of creations) this.#creating.set(key, (this.#creating.get(key) ?? 0) + 1);
			try {
				return await send(rows);
			} finally {
				for (const key of creations) {
					const left = (this.#creating.get(key) ?? 1) - 1;
					if (left > 0) this.#creating.set(key, left);
					else this.#creating.delete(key);
				}
			}
		};
	}

	/**
	 * The answer to the lookup before a push of creations only, or null when the server must be
	 * asked (any other request, or a key not being created).
	 */
	answer(url: string, init?: RequestInit): Response | null {
		if (init?.method !== 'POST' || typeof init.body !== 'string') return null;
		const path = new URL(url).pathname.match(/\/sync\/([^/]+)\/_all_docs$/);
		const collection = path?.[1];
		if (!collection) return null;
		const keys = lookupKeys(init.body);
		if (!keys || keys.some((key) => !this.#creating.has(`${collection}/${key}`))) return null;
		return new Response(
			JSON.stringify({ rows: keys.map((key) => ({ key, error: 'not_found' })) }),
			{ headers: { 'content-type': 'application/json' } }
		);
	}
}

function lookupKeys(body: string): string[] | null {
	try {
		const keys = (JSON.parse(body) as { keys?: unknown }).keys;
		return Array.isArray(keys) && keys.length > 0 && keys.every((key) => typeof key === 'string')
			? keys
			: null;
	} catch {
		return null;
	}
}
