import { CHANNEL_RULES_VERSION, sameChannels } from '../domain/access/channels';
import { withChannels } from '../domain/access/write-policy';
import { kindOf, type AnyDoc, type CollectionName } from '../domain/registry';
import { recordDepartures } from './departures';
import { plainOf } from './stored-doc';
import { replicatedDatabases, type Store } from './store';
import { startMarker } from './start-marker';

const RULES_DOC = 'channel-rules';
const PAGE = 500;

/**
 * Brings the channels of stored documents up to the current rules, once per rules version: when a
 * kind's readers change (activities stopped being public, records carry their year), documents
 * written under the old rules would otherwise stay where they were. Each changed document gets a
 * new revision, which devices pull like any edit, and its departures are recorded as the gateway
 * records them, so a device that may no longer read it removes it. Idempotent: an unchanged document is left alone,
 * so two processes starting together, or a run cut short, do no harm.
 */
export async function rechannelStore(store: Store): Promise<number> {
	const marker = await startMarker(store, RULES_DOC, CHANNEL_RULES_VERSION);
	if (marker.done) return 0;
	let changed = 0;
	for (const name of replicatedDatabases)
		changed += await rechannelDatabase(store, name as CollectionName);
	await marker.record();
	return changed;
}

async function rechannelDatabase(store: Store, name: CollectionName): Promise<number> {
	const db = store.db(name);
	let changed = 0;
	let startkey: string | undefined;
	for (;;) {
		const page = await db.allDocs({
			include_docs: true,
			limit: PAGE + 1,
			...(startkey === undefined ? {} : { startkey })
		});
		const moves = page.rows.slice(0, PAGE).flatMap((row) => {
			const stored = row.doc;
			if (!stored || stored._id.startsWith('_design/')) return [];
			const doc = plainOf<AnyDoc>(stored);
			if (!kindOf(name, doc)) return [];
			const { channels } = withChannels(name, doc);
			const current = Array.isArray(stored['channels']) ? (stored['channels'] as string[]) : [];
			return sameChannels(current, channels) ? [] : [{ stored, channels }];
		});
		if (moves.length > 0) {
			// Readers who lose a document (every phone held the public activities) are told to drop it.
			await recordDepartures(
				store,
				name,
				moves.map(({ stored, channels }) => ({
					id: stored._id,
					prev: stored,
					nextChannels: channels
				}))
			);
			const results = await db.bulkDocs(
				moves.map(({ stored, channels }) => ({ ...stored, channels }))
			);
			// A document edited meanwhile was written under the new rules by its writer.
			changed += results.filter((result) => 'ok' in result && result.ok).length;
		}
		if (page.rows.length <= PAGE) return changed;
		startkey = page.rows[PAGE]?.id;
	}
}
