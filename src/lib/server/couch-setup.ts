import { isDeepStrictEqual } from 'node:util';
import channelsDesign from '../../../couch/design/channels.json' with { type: 'json' };
import security from '../../../couch/security.json' with { type: 'json' };
import summariesDesign from '../../../couch/design/summaries.json' with { type: 'json' };
import { allDatabases, replicatedDatabases, type DatabaseName, type Store } from './store';

/** The summary worker's indexes, each in the one database it reads that way (summary-worker.ts). */
const summaryDesigns: Partial<Record<string, { _id: string }>> = summariesDesign;

/**
 * Applies `couch/` to the store: creates every database, puts the design documents the gateway
 * needs and the security objects. Idempotent, so every process runs it at start.
 */
export async function applyCouchSetup(store: Store): Promise<void> {
	for (const name of allDatabases as DatabaseName[]) {
		const db = store.db(name);
		await db.info();
		await store.setSecurity(name, security);
		if (replicatedDatabases.includes(name))
			await putDesignDoc(store, name, channelsDesignFor(store));
		const summaries = summaryDesigns[name];
		if (summaries) await putDesignDoc(store, name, summaries);
	}
}

/**
 * The embedded store keeps its channel index itself (channel-index-embedded.ts), so its
 * `_design/channels` has no view: PouchDB would build one per database (1.2–1.6 ms per document),
 * and `viewCleanup` removes the index of the former one only once its name is gone.
 */
function channelsDesignFor(store: Store): { _id: string } {
	if (store.kind === 'couchdb') return channelsDesign;
	const { views, ...withoutViews } = channelsDesign;
	void views;
	return withoutViews;
}

async function putDesignDoc(store: Store, name: DatabaseName, design: { _id: string }) {
	const db = store.db(name);
	const existing = await db.get(design._id).catch(() => null);
	const { _rev, ...current } = existing ?? {};
	if (existing && isDeepStrictEqual(current, design)) return;
	try {
		await db.put({ ...design, ...(existing ? { _rev } : {}) });
	} catch (error) {
		// Another process put it at the same moment: theirs is the same file.
		if ((error as { status?: number }).status !== 409) throw error;
	}
}

/** Brings the channel index up to date, so the first initial sync does not pay for building it. */
export function warmChannelIndex(store: Store): Promise<void> {
	return store.channelIndex.warm();
}
