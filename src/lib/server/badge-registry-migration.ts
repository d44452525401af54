import { sameChannels } from '../domain/access/channels';
import { withChannels } from '../domain/access/write-policy';
import { revocationEntry } from '../domain/codes/revocations';
import type { BadgeRecord } from '../domain/registry';
import { recordDepartures } from './departures';
import type { StoredDoc } from './stored-doc';
import type { Store } from './store';
import { startMarker } from './start-marker';

const MARKER = 'badge-registry';
/** 2: badge entries reach their member and branch only, and revocations are listed apart. */
const REGISTRY_VERSION = 2;
const PAGE = 500;

type StoredEntry = StoredDoc & Omit<BadgeRecord, 'id'> & { revoked?: boolean };

/**
 * Brings a store of the public badge registry (every member's badge entry on every device) to the
 * scoped one: each `badge.<memberId>` entry gains its member's branch and leaves `public` for
 * the member and the branch (devices that held it only through `public` are told to drop it), and
 * a member whose badge was reissued or withdrawn gets a revocation entry. Runs before the
 * channels of the rest are recomputed, which needs the branch. Idempotent: an entry already
 * moved or a revocation already listed is left alone; a marker in `config` skips the scan later.
 */
export async function migrateBadgeRegistry(store: Store, now: Date): Promise<void> {
	const marker = await startMarker(store, MARKER, REGISTRY_VERSION);
	if (marker.done) return;
	let startkey = 'badge.';
	for (;;) {
		const page = await store.db('directory').allDocs({
			include_docs: true,
			startkey,
			endkey: 'badge.\ufff0',
			limit: PAGE + 1
		});
		const entries = page.rows
			.slice(0, PAGE)
			.map((row) => row.doc as StoredEntry | undefined)
			.filter((doc): doc is StoredEntry => doc?.kind === 'badge' && Boolean(doc.memberId));
		await scopeEntries(store, entries);
		await listRevocations(store, entries, now);
		const next = page.rows[PAGE];
		if (!next) break;
		startkey = next.id;
	}
	await marker.record();
}

async function scopeEntries(store: Store, entries: readonly StoredEntry[]): Promise<void> {
	const branches = await branchesOf(
		store,
		entries.map((entry) => entry.memberId ?? '')
	);
	const moved = entries.flatMap((stored) => {
		const { _id, _rev, revoked, ...fields } = stored;
		const branchId = branches.get(fields.memberId ?? '') ?? fields.branchId;
		const record: BadgeRecord = withChannels('directory', {
			...fields,
			id: _id,
			...(branchId ? { branchId } : {})
		});
		const unchanged =
			revoked === undefined &&
			record.branchId === fields.branchId &&
			sameChannels(record.channels, stored.channels);
		if (unchanged) return [];
		const { id, ...body } = record;
		return [{ prev: stored, doc: { ...body, _id: id, _rev } }];
	});
	if (moved.length === 0) return;
	await recordDepartures(
		store,
		'directory',
		moved.map(({ prev, doc }) => ({ id: doc._id, prev, nextChannels: doc.channels }))
	);
	// An entry reissued meanwhile was written in the new form by the issuer: its conflict is fine.
	await store.db('directory').bulkDocs(moved.map(({ doc }) => doc));
}

/** The branch each member is in now; a member whose profile is gone has none. */
async function branchesOf(store: Store, memberIds: string[]): Promise<Map<string, string>> {
	const branches = new Map<string, string>();
	if (memberIds.length === 0) return branches;
	const found = await store.db('members').allDocs({ keys: memberIds, include_docs: true });
	for (const row of found.rows) {
		const branchId = 'doc' in row ? row.doc?.['branchId'] : undefined;
		if (typeof branchId === 'string') branches.set(row.key, branchId);
	}
	return branches;
}

/** A revocation entry for every member past their first badge (or withdrawn) that has none. */
async function listRevocations(
	store: Store,
	entries: readonly StoredEntry[],
	now: Date
): Promise<void> {
	const needed = entries.flatMap((entry) => {
		const serial = entry.serial ?? 1;
		const belowSerial = entry.revoked ? serial + 1 : serial;
		return belowSerial > 1 ? [revocationEntry(entry.memberId ?? '', belowSerial, now)] : [];
	});
	if (needed.length === 0) return;
	const credentials = store.db('credentials');
	const existing = await credentials.allDocs({ keys: needed.map((entry) => entry.id) });
	const missing = needed.filter((_, index) => {
		const row = existing.rows[index];
		return !row || 'error' in row;
	});
	if (missing.length === 0) return;
	await credentials.bulkDocs(missing.map(({ id, ...body }) => ({ ...body, _id: id })));
}
