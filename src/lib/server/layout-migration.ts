import {
	LAYOUT_VERSION,
	legacyCollectionNames,
	legacyTarget,
	type LegacyCollectionName
} from '../domain/registry';
import type { Store } from './store';
import { startMarker } from './start-marker';

const LAYOUT_DOC = 'layout';

/**
 * Brings a store of an earlier layout to this one: the documents of each legacy database are
 * replicated, revisions and all, into the collection that holds their kind now. Keeping the
 * revisions is what lets a device of the old layout push its waiting edits afterwards (the
 * gateway serves the legacy names from the new collection): its idea of the master state is
 * still true. A store that never held data (no token key yet) starts in this layout. Idempotent:
 * replication copies nothing twice, so two processes starting together do no harm.
 */
export async function migrateLayout(store: Store): Promise<void> {
	const marker = await startMarker(store, LAYOUT_DOC, LAYOUT_VERSION);
	if (marker.done) return;
	const earlier = await store
		.db('config')
		.get('seq-token-secret')
		.catch(() => null);
	if (earlier) {
		for (const name of legacyCollectionNames) await moveLegacy(store, name);
	}
	await marker.record();
}

async function moveLegacy(store: Store, name: LegacyCollectionName): Promise<void> {
	const { collection } = legacyTarget(name);
	await store.db(name).replicate.to(store.db(collection), {
		filter: (doc: { _id: string }) => !doc._id.startsWith('_design/')
	});
}
