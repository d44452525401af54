import { isDeepStrictEqual } from 'node:util';
import { allocate, movesOf, type Placement } from '../domain/marketplace/allocation';
import { claimNoticeOf } from '../domain/marketplace/claim-notices';
import type { ClaimReceipt } from '../domain/marketplace/claim-receipts';
import { claimStandingOf, type ClaimStanding } from '../domain/marketplace/claim-standings';
import { itemClaimsPrefix, type Claim } from '../domain/marketplace/claim-record';
import { itemTallyId, itemTallyOf } from '../domain/marketplace/item-tallies';
import { residentId, residentShareOf, type Resident } from '../domain/marketplace/residents';
import { isServiceItem } from '../domain/marketplace/service-items';
import { withChannels } from '../domain/access/write-policy';
import type { AnyDoc } from '../domain/registry';
import type { ChangeWatcher } from './change-hub';
import { LeasedWorker } from './leased-worker';
import type { UpstreamSeq } from './seq-token';
import { plainOf, type StoredDoc } from './stored-doc';
import type { Database, Store } from './store';

/** The databases whose changes can move a place: claims and receipts, items, residents. */
const FEEDS = ['attendance', 'activities', 'contacts'] as const;
export type ClaimFeed = (typeof FEEDS)[number];

const CHECKPOINT_ID = 'claim-checkpoint';
const LEASE_ID = 'claim-lease';

/**
 * Which item a change of a followed database concerns, by its id alone (the ids are the
 * contract: an item is `it-…`, everything of its claims starts `cl.<item>.`, its resident is
 * `<item>.resident`), so the feeds are read without their documents. The worker's own writes
 * (standings, tallies, shares) and the decisions concern no allocation.
 */
const ITEM = 'it-[A-Za-z0-9_-]+';
const CONCERNS: Record<ClaimFeed, RegExp> = {
	attendance: new RegExp(`^cl\\.(${ITEM})\\.(?!.*\\.(?:standing|decision\\.\\d+)$)`),
	activities: new RegExp(`^(${ITEM})$`),
	contacts: new RegExp(`^(${ITEM})\\.resident$`)
};

export function itemConcerned(feed: ClaimFeed, id: string): string | null {
	return CONCERNS[feed].exec(id)?.[1] ?? null;
}

interface Checkpoint {
	_id: string;
	_rev?: string;
	/** Where each feed was read up to; every item touched before is allocated. */
	seqs: Record<ClaimFeed, UpstreamSeq>;
}

export interface ClaimWorkerOptions {
	now: () => Date;
	/** How long the lease lasts without renewal; the holder renews it at a third of that. */
	leaseMs: number;
	/** How many items one step allocates; it reads five times as many changes of each feed. */
	batchSize?: number;
	/** Tells `onChange` of every change of database `name`: the server's change hubs. */
	watch(name: ClaimFeed, onChange: ChangeWatcher): () => void;
}

/** What the worker writes: documents of the kinds only the server writes. */
type ServerDoc = { id: string; kind: string; channels: string[] };
type Written = 'notices' | 'contacts' | 'attendance' | 'activities';
/** The writes of a step by database: new versions, and deletions carrying a body. */
type Writes = Map<Written, StoredDoc[]>;

function chunks<T>(values: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

async function docsById(db: Database, ids: readonly string[]): Promise<Map<string, StoredDoc>> {
	const found = new Map<string, StoredDoc>();
	if (ids.length === 0) return found;
	const result = await db.allDocs({ keys: [...new Set(ids)], include_docs: true });
	for (const row of result.rows) {
		if ('doc' in row && row.doc && !row.value.deleted) found.set(row.id, row.doc);
	}
	return found;
}

/** Everything of one item's claims in a database: one key range. */
async function ofItem(db: Database, itemId: string): Promise<StoredDoc[]> {
	const prefix = itemClaimsPrefix(itemId);
	const result = await db.allDocs({
		startkey: prefix,
		endkey: `${prefix}\ufff0`,
		include_docs: true
	});
	return result.rows.flatMap((row) => (row.doc && row.doc['itemId'] === itemId ? [row.doc] : []));
}

const ofKind = <T>(docs: readonly StoredDoc[], kind: string): T[] =>
	docs.filter((doc) => doc['kind'] === kind).map((doc) => plainOf<T>(doc));

/** The same document apart from when it was written. */
function sameContent(stored: StoredDoc | undefined, next: StoredDoc): boolean {
	if (!stored) return false;
	const { _rev, updatedAt, ...before } = stored;
	const { _rev: nextRev, updatedAt: nextUpdatedAt, ...after } = next;
	void _rev;
	void updatedAt;
	void nextRev;
	void nextUpdatedAt;
	return isDeepStrictEqual(before, after);
}

/** The stored form of a server document, its channels from its kind (never taken as given). */
function storedOf(collection: Written, doc: ServerDoc, stored?: StoredDoc): StoredDoc {
	const { id, ...fields } = withChannels(collection, doc as unknown as AnyDoc);
	return { ...fields, _id: id, ...(stored ? { _rev: stored._rev } : {}) } as StoredDoc;
}

function isConflict(result: object): boolean {
	return (result as { status?: number }).status === 409;
}

/**
 * Allocates the places of service items on the server (docs/architecture.md, "The claim
 * worker"): it follows the changes of claims, items and residents from a checkpoint in `config`,
 * reads everything of each item touched with one key range, decides with the domain's
 * `allocate` who holds and who waits, and writes only what changed — the claims' standings, the
 * item's tally, a `claim` notice to whoever went onto the waiting list or got a place from it, and
 * the resident's contact to each member holding a place (taken back when they no longer do).
 * One process of a deployment runs it: the one holding the lease.
 */
export class ClaimWorker extends LeasedWorker {
	private readonly batch: number;

	constructor(
		private readonly store: Store,
		private readonly options: ClaimWorkerOptions
	) {
		super({
			config: store.db('config'),
			leaseId: LEASE_ID,
			checkpointId: CHECKPOINT_ID,
			leaseMs: options.leaseMs,
			name: 'claim',
			failure: 'Allocating places failed:'
		});
		this.batch = options.batchSize ?? 200;
	}

	/** While holding the lease, a change that may move a place wakes the worker. */
	protected follow(): (() => void)[] {
		return FEEDS.map((name) =>
			this.options.watch(name, (id) => {
				if (id === null || itemConcerned(name, id)) this.poke();
			})
		);
	}

	private db(name: ClaimFeed | 'notices'): Database {
		return this.store.db(name);
	}

	/**
	 * Reads every feed to its end, a step at a time, allocating the items each step touched. A
	 * fresh deployment reads them from the start: the items claimed before the worker first ran.
	 */
	protected async catchUp(): Promise<void> {
		this.keepLease();
		let checkpoint = (await this.readCheckpoint<Checkpoint>()) ?? {
			_id: CHECKPOINT_ID,
			seqs: { attendance: 0, activities: 0, contacts: 0 }
		};
		for (;;) {
			const seqs = { ...checkpoint.seqs };
			const items = new Set<string>();
			let read = 0;
			for (const name of FEEDS) {
				const result = await this.db(name).changes({ since: seqs[name], limit: this.batch * 5 });
				seqs[name] = result.last_seq;
				read += result.results.length;
				for (const change of result.results) {
					const itemId = itemConcerned(name, change.id);
					if (itemId) items.add(itemId);
				}
			}
			if (read === 0) return;
			for (const part of chunks([...items], this.batch)) await this.allocateItems(part);
			checkpoint = await this.saveCheckpoint({ ...checkpoint, seqs });
		}
	}

	/** Allocates the places of `itemIds` and writes what changed, in one batch per database. */
	private async allocateItems(itemIds: readonly string[]): Promise<void> {
		const now = this.options.now();
		const activities = await docsById(
			this.db('activities'),
			itemIds.flatMap((id) => [id, itemTallyId({ id })])
		);
		const residents = await docsById(this.db('contacts'), itemIds.map(residentId));
		const writes: Writes = new Map();
		const write = (collection: Written, doc: StoredDoc) => {
			const list = writes.get(collection);
			if (list) list.push(doc);
			else writes.set(collection, [doc]);
		};
		const put = (collection: Written, stored: StoredDoc | undefined, doc: ServerDoc) => {
			const next = storedOf(collection, doc, stored);
			if (!sameContent(stored, next)) write(collection, next);
		};
		for (const itemId of itemIds) {
			const itemDoc = activities.get(itemId);
			const item = itemDoc ? plainOf<{ kind?: unknown }>(itemDoc) : null;
			if (!item || !isServiceItem(item)) continue;
			const records = await ofItem(this.db('attendance'), itemId);
			const claims = new Map(ofKind<Claim>(records, 'claim').map((c) => [c.id, c]));
			const standings = new Map(
				records.filter((doc) => doc['kind'] === 'claim-standing').map((doc) => [doc._id, doc])
			);
			const { placements, tallies } = allocate(
				item,
				[...claims.values()],
				ofKind<ClaimReceipt>(records, 'claim-receipt')
			);
			const before = new Map<string, Placement>(
				[...standings.values()].map((doc) => {
					const { claimId, standing, position } = plainOf<ClaimStanding>(doc);
					return [claimId, { standing, ...(position === undefined ? {} : { position }) }];
				})
			);
			for (const move of movesOf(before, placements)) {
				const claim = claims.get(move.claimId);
				if (!claim) continue;
				write('notices', storedOf('notices', claimNoticeOf(claim, move, now)));
			}
			for (const [claimId, placement] of placements) {
				const claim = claims.get(claimId);
				if (!claim) continue;
				const standing = claimStandingOf(claim, placement.standing, placement.position, now);
				put('attendance', standings.get(standing.id), standing);
			}
			const tally = itemTallyOf(item, tallies, now);
			put('activities', activities.get(tally.id), tally);

			const residentDoc = residents.get(residentId(itemId));
			const resident = residentDoc ? plainOf<Resident>(residentDoc) : null;
			const shares = new Map(
				(await ofItem(this.db('contacts'), itemId))
					.filter((doc) => doc['kind'] === 'resident-share')
					.map((doc) => [doc._id, doc])
			);
			for (const [claimId, placement] of placements) {
				const claim = claims.get(claimId);
				if (!claim || !resident || placement.standing !== 'holding') continue;
				const share = residentShareOf(resident, claim, now);
				put('contacts', shares.get(share.id), share);
				shares.delete(share.id);
			}
			// Whoever no longer holds a place (or the resident gone) loses the contact: deleted
			// with what identifies it only, so their devices drop it and keep no personal data.
			for (const stored of shares.values()) {
				const { name, phone, address, ...kept } = stored;
				void name;
				void phone;
				void address;
				write('contacts', { ...kept, name: '-', _deleted: true });
			}
		}
		// The word to the member first: a crash after it repeats the same notice ids (refused as
		// existing), while a standing written first would leave the move untold.
		for (const collection of ['notices', 'contacts', 'attendance', 'activities'] as const) {
			const docs = writes.get(collection);
			if (!docs?.length) continue;
			this.keepLease();
			const results = await this.store.db(collection).bulkDocs(docs);
			const failed = results.filter(
				(result) =>
					'error' in result && result.error && !(collection === 'notices' && isConflict(result))
			);
			if (failed.length) throw new Error(`Writing ${failed.length} ${collection} failed.`);
		}
	}
}
