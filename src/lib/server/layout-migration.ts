import {
	LAYOUT_VERSION,
	legacyCollectionNames,
	legacyTarget,
	type LegacyCollectionName
} from '../domain/registry';
import type { Store } from './store';

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
	const config = store.db('config');
	const layout = await config.get(LAYOUT_DOC).catch(() => null);
	if (Number(layout?.['version']) >= LAYOUT_VERSION) return;
	const earlier = await config.get('seq-token-secret').catch(() => null);
	if (earlier) {
		for (const name of legacyCollectionNames) await moveLegacy(store, name);
	}
	try {
		await config.put({
			_id: LAYOUT_DOC,
			version: LAYOUT_VERSION,
			...(layout ? { _rev: layout._rev } : {})
		});
	} catch (error) {
		// Another process recorded it at the same moment.
		if ((error as { status?: number }).status !== 409) throw error;
	}
}

async function moveLegacy(store: Store, name: LegacyCollectionName): Promise<void> {
	const { collection } = legacyTarget(name);
	await store.db(name).replicate.to(store.db(collection), {
		filter: (doc: { _id: string }) => !doc._id.startsWith('_design/')
	});
}
