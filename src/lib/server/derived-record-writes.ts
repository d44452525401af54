import { withChannels } from '../domain/access/write-policy';
import { nextRecord, type RecordDraft } from '../domain/records/derived-records';
import type { ServiceRecord } from '../domain/records/service-record';
import { recordDepartures } from './departures';
import type { StoredDoc } from './stored-doc';
import type { Store } from './store';

/** A derived record to store, and the stored version it replaces (for its revision and channels). */
export interface RecordWrite {
	stored: StoredDoc | null;
	next: ServiceRecord;
}

/**
 * What the worker writes of a member's derived records: for each id it derived or stored, the
 * next version when it changed. Stored records no draft names any more are withdrawn by
 * `nextRecord`, never deleted; own records are the member's and are not looked at.
 */
export function derivedRecordWrites(
	stored: ReadonlyMap<string, { doc: StoredDoc; record: ServiceRecord }>,
	drafts: readonly RecordDraft[],
	at: string
): RecordWrite[] {
	const draftsById = new Map(drafts.map((draft) => [draft.id, draft]));
	const ids = new Set([
		...draftsById.keys(),
		...[...stored].flatMap(([id, { record }]) => (record.origin === 'own' ? [] : [id]))
	]);
	return [...ids].flatMap((id) => {
		const before = stored.get(id);
		const next = nextRecord(before?.record ?? null, draftsById.get(id) ?? null, at);
		return next ? [{ stored: before?.doc ?? null, next: withChannels('reports', next) }] : [];
	});
}

/**
 * Stores the writes in one bulk request. A record moving to another year leaves that year's
 * channels: devices holding it only through them are told it left (departures).
 */
export async function storeRecordWrites(
	store: Store,
	writes: readonly RecordWrite[]
): Promise<void> {
	if (writes.length === 0) return;
	await recordDepartures(
		store,
		'reports',
		writes.map(({ stored, next }) => ({ id: next.id, prev: stored, nextChannels: next.channels }))
	);
	const docs = writes.map(({ stored, next }) => {
		const { id, ...fields } = next;
		return { ...fields, _id: id, ...(stored ? { _rev: stored._rev } : {}) };
	});
	const results = await store.db('reports').bulkDocs(docs);
	const failed = results.filter((result) => 'error' in result && result.error);
	if (failed.length) throw new Error(`Writing ${failed.length} service records failed.`);
}
