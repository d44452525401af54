import { createHash } from 'node:crypto';
import { withChannels } from '../domain/access/write-policy';
import type { Notice } from '../domain/registry';
import { isValidId } from '../domain/schema/ids';
import type { Verdict } from '../domain/access/write-verdict';
import { readStored } from './doc-lookup';
import type { StoredDoc } from './stored-doc';
import type { Store } from './store';
import { PerKeyQueue } from './per-key-queue';
import { wellFormedCopy } from './well-formed-text';

type Rejected = Extract<Verdict, { ok: false }>;
type Pushed = Record<string, unknown> & { _id: string };

export interface Refusal {
	pushed: Pushed;
	verdict: Rejected;
}

/**
 * A user's notices of refusals per day, one per document; the refusals beyond are counted in one
 * summary notice of the day. A modified client pushing thousands of refused documents would
 * otherwise bury the user's real notices and fill every device of theirs.
 */
export const NOTICES_PER_DAY = 20;

/**
 * A user's stashes per day. An honest device stashes what one sync refused; beyond this, refused
 * documents are no longer stashed (the device's revert of them then fails until the next day).
 */
export const STASHES_PER_DAY = 5_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Stashes live in buckets per UTC day (`<day>/<key>`): a stash is kept until the day after. */
function dayOf(at: Date): string {
	return at.toISOString().slice(0, 10);
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

function keyOf(username: string, collection: string, docId: string): string {
	return sha256(`${username}\u0000${collection}\u0000${docId}`);
}

/** The day's tally of a user's stashes and notices. */
function tallyId(day: string, username: string): string {
	return `${day}/user/${sha256(username)}`;
}

function count(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The revision to write over, when a live version is stored. */
function revOf(doc: StoredDoc | null | undefined): { _rev?: string } {
	return doc && !doc._deleted ? { _rev: doc._rev } : {};
}

/** Per store, each user's recordings, one after another. */
const recording = new WeakMap<Store, PerKeyQueue>();

/**
 * Principle 6: a refused document is answered as a conflict, and the device then asks
 * `GET _all_docs` for the server's version. For a document the server never accepted that version
 * is the pushed content marked deleted, so the device reverts; it is stashed here until asked for,
 * or until the day after. A push's refusals cost three reads and two writes, whatever their
 * number: the stashes and the user's tally in one `bulkDocs`, the notices in another. A device
 * pushes its batches in parallel, so one user's recordings run one after another, each reading
 * the tally the last one wrote (processes sharing a CouchDB may still lose a count now and then).
 */
export function recordRejections(
	store: Store,
	username: string,
	collection: string,
	refusals: readonly Refusal[],
	now: Date
): Promise<void> {
	if (refusals.length === 0) return Promise.resolve();
	const queue = recording.get(store) ?? new PerKeyQueue();
	recording.set(store, queue);
	return queue.run(username, () => recordNow(store, username, collection, refusals, now));
}

async function recordNow(
	store: Store,
	username: string,
	collection: string,
	refusals: readonly Refusal[],
	now: Date
): Promise<void> {
	// One per id: the store would refuse a second write of an id within one `bulkDocs`.
	const unique = [...new Map(refusals.map((r) => [r.pushed._id, r])).values()];
	const day = dayOf(now);
	const at = now.toISOString();
	const tallyKey = tallyId(day, username);
	const keys = unique.map(({ pushed }) => keyOf(username, collection, pushed._id));
	const stashIds = keys.map((key) => `${day}/${key}`);
	const [tally, ...stashes] = await readStored(store, 'rejections', [tallyKey, ...stashIds]);
	const stashed = count(tally?.['stashed']);
	const noticed = count(tally?.['notices']);
	const stashing = unique.slice(0, Math.max(0, STASHES_PER_DAY - stashed));
	const noticing = unique.slice(0, Math.max(0, NOTICES_PER_DAY - noticed));
	const summarised = unique.length - noticing.length;

	await store.db('rejections').bulkDocs([
		...stashing.map(({ pushed }, index) => ({
			_id: stashIds[index] ?? '',
			...revOf(stashes[index]),
			// What was refused for a lone surrogate is kept with U+FFFD: the store takes only Unicode.
			doc: wellFormedCopy(pushed),
			at
		})),
		{
			_id: tallyKey,
			...revOf(tally),
			stashed: stashed + stashing.length,
			notices: noticed + noticing.length,
			summarised: count(tally?.['summarised']) + summarised
		}
	]);

	const notices: Notice[] = noticing.map(({ pushed, verdict }, index) =>
		withChannels('notices', {
			id: `rej-${(keys[index] ?? '').slice(0, 32)}`,
			recipient: username,
			kind: 'write-rejected' as const,
			docCollection: collection,
			// An id no schema takes would make every replica of the user refuse the notice.
			...(isValidId(pushed._id) ? { docId: pushed._id } : {}),
			reason: verdict.reason,
			...(verdict.detail ? { detail: verdict.detail.slice(0, 200) } : {}),
			createdAt: at,
			channels: []
		})
	);
	const last = unique[unique.length - 1];
	if (summarised > 0 && last) {
		// The day's one summary: how many refusals went without a notice of their own, so far.
		notices.push(
			withChannels('notices', {
				id: `rej-${sha256(username).slice(0, 32)}-${day.replaceAll('-', '')}`,
				recipient: username,
				kind: 'write-rejected' as const,
				docCollection: collection,
				reason: last.verdict.reason,
				more: count(tally?.['summarised']) + summarised,
				createdAt: at,
				channels: []
			})
		);
	}
	const stored = await readStored(
		store,
		'notices',
		notices.map((notice) => notice.id)
	);
	await store
		.db('notices')
		.bulkDocs(
			notices.map(({ id, ...fields }, index) => ({ ...fields, _id: id, ...revOf(stored[index]) }))
		);
	await sweepExpired(store, now);
}

/**
 * The pushed contents of refused documents, as deleted documents (null where none is stashed);
 * each is handed out once. Should the answer get lost, the device's next push is refused again
 * and stashes it anew.
 */
export async function takeRejectedVersions(
	store: Store,
	username: string,
	collection: string,
	docIds: readonly string[],
	now: Date
): Promise<(Record<string, unknown> | null)[]> {
	if (docIds.length === 0) return [];
	const days = [dayOf(now), dayOf(new Date(now.getTime() - DAY_MS))];
	const ids = docIds.flatMap((docId) => {
		const key = keyOf(username, collection, docId);
		return days.map((day) => `${day}/${key}`);
	});
	const found = await readStored(store, 'rejections', ids);
	const live = found.filter((stash): stash is StoredDoc => stash !== null && !stash._deleted);
	if (live.length > 0) {
		await store.db('rejections').bulkDocs(live.map((stash) => ({ ...stash, _deleted: true })));
	}
	return docIds.map((_, index) => {
		const stash = [found[index * 2], found[index * 2 + 1]].find(
			(candidate) => candidate && !candidate._deleted
		);
		return stash ? { ...(stash['doc'] as Record<string, unknown>), _deleted: true } : null;
	});
}

/** Per store, the first day whose stashes and tallies are kept, once that day is swept. */
const sweptBefore = new WeakMap<Store, string>();

/**
 * Deletes the stashes and tallies of days before yesterday, once a day per process: nothing a
 * device still needs, and what a device never came back for does not stay.
 */
async function sweepExpired(store: Store, now: Date): Promise<void> {
	const keepFrom = dayOf(new Date(now.getTime() - DAY_MS));
	if ((sweptBefore.get(store) ?? '') >= keepFrom) return;
	sweptBefore.set(store, keepFrom);
	const db = store.db('rejections');
	for (;;) {
		const expired = await db.allDocs({ endkey: keepFrom, limit: 1000 });
		const rows = expired.rows.filter((row) => row.id < keepFrom);
		if (rows.length === 0) return;
		await db.bulkDocs(rows.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })));
	}
}
