import type { ChannelIndex, ChannelReader, IndexedDatabase } from './channel-index';
import type { StoredDoc } from './stored-doc';

/** The view of `couch/design/channels.json`: key `[channel, _id]`, no value. */
export const CHANNEL_VIEW = 'channels/by_channel';

/**
 * On CouchDB the index is the view `channels/by_channel`, which CouchDB keeps up to date itself
 * and shares between every gateway process. It holds keys only: CouchDB reads the documents for
 * `include_docs` from its own B-tree in the same request, so a copy per channel would only cost
 * disk and build time.
 */
export function couchChannelIndex<Name extends string>(
	db: (name: Name) => IndexedDatabase,
	replicated: readonly Name[]
): ChannelIndex<Name> {
	return {
		reader(name): ChannelReader {
			return async (channel, after, limit) => {
				// `startkey` is inclusive: the first row may be `after` itself. One more row tells
				// whether the channel goes on.
				const result = await db(name).query(CHANNEL_VIEW, {
					startkey: [channel, after],
					endkey: [channel, {}],
					include_docs: true,
					...(Number.isFinite(limit) ? { limit: limit + 2 } : {})
				});
				const rows = result.rows.filter((row) => row.id !== after);
				const page = rows.slice(0, limit);
				return {
					// A document deleted since its row was read comes without one.
					docs: page.flatMap((row) => (row.doc ? [row.doc as StoredDoc] : [])),
					last: page.length > 0 ? String(page.at(-1)?.id) : after,
					more: rows.length > limit
				};
			};
		},
		async warm() {
			for (const name of replicated) {
				await db(name).query(CHANNEL_VIEW, { limit: 0 });
			}
		},
		close: () => Promise.resolve()
	};
}
