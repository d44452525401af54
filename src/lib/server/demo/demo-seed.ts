import { collectionNames } from '../../domain/registry';
import { createAccount } from '../accounts';
import { storeFile } from '../evidence-files';
import { DEMO_PASSWORD, buildDemoData, type DemoAccount } from './demo-data';
import { seedDemoStories } from './demo-stories';
import type { Database, Store } from '../store';

export interface SeedResult {
	seeded: boolean;
	accounts: DemoAccount[];
}

/**
 * In `config`: when the demo seeding started (its documents' timestamps follow that moment, also
 * when a restart finishes it) and, written last, when it was complete.
 */
export const SEED_MARKER_ID = 'demo-seed';

type SeedMarker = {
	_id: string;
	_rev?: string;
	startedAt: string;
	completedAt?: string;
};

/** Replicated documents are stored with CouchDB's `_id`; the shared types call it `id`. */
export function toStored<T extends { id: string }>(doc: T): Omit<T, 'id'> & { _id: string } {
	const { id, ...fields } = doc;
	return { ...fields, _id: id };
}

function isConflict(error: unknown): boolean {
	return (error as { status?: number } | null)?.status === 409;
}

/**
 * Fills an empty store with the demo bureau, resumably: a process killed half-way finishes the
 * job at its next start. Every document and account is written only if it was never there — one
 * a user changed or deleted meanwhile stays as they left it — and the marker saying the seeding is
 * complete comes last. A store that holds members but no marker has real (or earlier) data and is
 * left alone, so a restart never duplicates or overwrites it. (Not the directory: the server
 * publishes its badge issuer key there before anything else.)
 */
export async function seedDemoData(
	store: Store,
	now: Date,
	onlyAccounts?: readonly string[]
): Promise<SeedResult> {
	const pick = (accounts: DemoAccount[]) =>
		onlyAccounts ? accounts.filter((account) => onlyAccounts.includes(account.username)) : accounts;
	const config = store.db('config');
	const found = (await config.get(SEED_MARKER_ID).catch(() => null)) as SeedMarker | null;
	if (found?.completedAt || (!found && (await holdsMembers(store)))) {
		return { seeded: false, accounts: pick(buildDemoData(now).accounts) };
	}
	const marker = found ?? (await startMarker(config, now));
	const data = buildDemoData(new Date(marker.startedAt));
	for (const name of collectionNames) {
		await putMissing(store.db(name), data.docs[name].map(toStored));
	}
	// The scans the ledger cites; a file stored already is left as it is.
	for (const file of data.files) await storeFile(store, file.hash, file, now);
	await seedDemoStories(store, data, now);
	const accounts = pick(data.accounts);
	const absent = new Set(
		await missingIds(
			store.db('accounts'),
			accounts.map((account) => account.username)
		)
	);
	for (const account of accounts) {
		if (!absent.has(account.username)) continue;
		await createAccount(store.db('accounts'), { ...account, password: DEMO_PASSWORD }).catch(
			(error: unknown) => {
				// Another process seeding the same store created it first.
				if (!isConflict(error)) throw error;
			}
		);
	}
	const latest = (await config.get(SEED_MARKER_ID)) as SeedMarker;
	await config.put({ ...latest, completedAt: now.toISOString() }).catch((error: unknown) => {
		if (!isConflict(error)) throw error;
	});
	return { seeded: true, accounts };
}

/**
 * Whether the demo is being seeded into the store right now (started, not complete): what the
 * server's workers derive from the whole store — the secretaries' digests and reminders — waits
 * for it, lest a secretary whose account comes last is left out.
 */
export async function demoSeedUnderway(store: Store): Promise<boolean> {
	const marker = (await store
		.db('config')
		.get(SEED_MARKER_ID)
		.catch(() => null)) as SeedMarker | null;
	return !!marker && !marker.completedAt;
}

async function holdsMembers(store: Store): Promise<boolean> {
	const existing = await store.db('members').allDocs({ limit: 5 });
	return existing.rows.some((row) => !row.id.startsWith('_design/'));
}

/** Writes the marker before any demo document; a process that lost the race reads the winner's. */
async function startMarker(config: Database, now: Date): Promise<SeedMarker> {
	const marker: SeedMarker = { _id: SEED_MARKER_ID, startedAt: now.toISOString() };
	try {
		await config.put(marker);
		return marker;
	} catch (error) {
		if (!isConflict(error)) throw error;
		return await config.get(SEED_MARKER_ID);
	}
}

/** The ids never written to `db`: a deleted document counts as there, so it is not brought back. */
async function missingIds(db: Database, ids: string[]): Promise<string[]> {
	if (!ids.length) return [];
	const found = await db.allDocs({ keys: ids });
	return found.rows.flatMap((row) =>
		'error' in row && row.error === 'not_found' ? [row.key] : []
	);
}

async function putMissing(db: Database, docs: (Record<string, unknown> & { _id: string })[]) {
	const absent = new Set(
		await missingIds(
			db,
			docs.map((doc) => doc._id)
		)
	);
	const missing = docs.filter((doc) => absent.has(doc._id));
	if (!missing.length) return;
	const results = await db.bulkDocs(missing);
	const failed = results.find((result) => 'error' in result && result.status !== 409);
	if (failed) throw new Error(`Writing demo data failed: ${JSON.stringify(failed)}`);
}
