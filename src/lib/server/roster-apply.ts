import { isDeepStrictEqual } from 'node:util';
import { withChannels } from '../domain/access/write-policy';
import type { AnyDoc } from '../domain/registry';
import type { Account } from './accounts';
import { recordDepartures } from './departures';
import { readStored } from './doc-lookup';
import type { StoredWrite } from './roster-jobs';
import { plainOf, type StoredDoc } from './stored-doc';
import type { Store } from './store';

type DocWrite = Extract<StoredWrite, { doc: unknown }>;
type AccountWrite = Extract<StoredWrite, { database: 'accounts' }>;

/** A device may write a document between our read and our write: that many tries, then fail. */
const MAX_TRIES = 3;

/** Why an import stopped; its message goes into the job (never personal data). */
export class ImportFailure extends Error {}

/**
 * Applies a chunk of planned writes in their order (runs of one database at a time), idempotently:
 * a document already as planned is skipped, so a chunk cut short is simply applied again. A
 * document whose revision moved since the preview (a device edited it during the run) is re-read
 * and gets the planned fields over its current content, channels recomputed; the rest of it stays.
 * Returns how many documents were written.
 */
export async function applyWrites(store: Store, writes: readonly StoredWrite[]): Promise<number> {
	let written = 0;
	for (const run of runsByDatabase(writes)) {
		const first = run[0];
		if (!first) continue;
		written +=
			first.database === 'accounts'
				? await applyAccounts(store, run as AccountWrite[])
				: await applyDocs(store, first.database, run as DocWrite[]);
	}
	return written;
}

function runsByDatabase(writes: readonly StoredWrite[]): StoredWrite[][] {
	const runs: StoredWrite[][] = [];
	for (const write of writes) {
		const last = runs.at(-1);
		if (last?.[0]?.database === write.database) last.push(write);
		else runs.push([write]);
	}
	return runs;
}

interface Current {
	doc: StoredDoc | null;
	/** The revision to write over: the current one, or a deletion's. */
	rev?: string;
}

/** Read the store's fastest way (doc-lookup.ts): gets on LevelDB, one request to CouchDB. */
async function readCurrent(
	store: Store,
	database: StoredWrite['database'],
	ids: readonly string[]
): Promise<Map<string, Current>> {
	const found = await readStored(store, database, ids);
	const current = new Map<string, Current>();
	ids.forEach((id, index) => {
		const doc = found[index];
		if (doc) current.set(id, { doc: doc._deleted ? null : doc, rev: doc._rev });
	});
	return current;
}

const withoutRev = (doc: StoredDoc) => {
	const rest: Record<string, unknown> = { ...doc };
	delete rest['_rev'];
	return rest;
};

/** The planned body over the current document, or null when it is already there. */
function nextDoc(
	database: DocWrite['database'],
	write: DocWrite,
	current: Current | undefined
): Record<string, unknown> | null {
	const { id, ...fields } = write.doc;
	const planned: Record<string, unknown> = { ...fields, _id: id };
	const doc = current?.doc ?? null;
	if (doc && isDeepStrictEqual(withoutRev(doc), planned)) return null;
	if (!doc || doc._rev === write.previousRev || !write.fields) {
		return { ...planned, ...(current?.rev ? { _rev: current.rev } : {}) };
	}
	const merged: Record<string, unknown> = plainOf<Record<string, unknown>>(doc);
	for (const field of write.fields) {
		if (field in write.doc) merged[field] = write.doc[field];
		else delete merged[field];
	}
	merged['updatedAt'] = write.doc['updatedAt'];
	const { id: mergedId, ...rest } = withChannels(database, merged as AnyDoc) as Record<
		string,
		unknown
	>;
	const next = { ...rest, _id: mergedId, _rev: doc._rev };
	return isDeepStrictEqual(next, doc) ? null : next;
}

async function applyDocs(
	store: Store,
	database: DocWrite['database'],
	writes: readonly DocWrite[]
): Promise<number> {
	let pending = writes;
	let written = 0;
	for (let attempt = 0; pending.length > 0; attempt++) {
		if (attempt === MAX_TRIES) {
			throw new ImportFailure(`${pending.length} ${database} documents kept changing.`);
		}
		const current = await readCurrent(
			store,
			database,
			pending.map((write) => String(write.doc['id']))
		);
		const next = pending.flatMap((write) => {
			const before = current.get(String(write.doc['id']));
			const doc = nextDoc(database, write, before);
			return doc ? [{ write, doc, prev: before?.doc ?? null }] : [];
		});
		if (next.length === 0) break;
		// Devices that held a moved member only through the channels it left are told (departures.ts).
		await recordDepartures(
			store,
			database,
			next.map(({ doc, prev }) => ({
				id: String(doc['_id']),
				prev,
				nextChannels: doc['channels'] as string[]
			}))
		);
		const results = await store
			.db(database)
			.bulkDocs(next.map(({ doc }) => doc as Record<string, unknown> & { _id: string }));
		const conflicted: DocWrite[] = [];
		results.forEach((result, index) => {
			const entry = next[index];
			if (!entry) return;
			if (!('error' in result) || !result.error) written++;
			else if (result.status === 409) conflicted.push(entry.write);
			else throw new ImportFailure(`Writing ${database} failed: ${result.error}.`);
		});
		pending = conflicted;
	}
	return written;
}

const accountFields = ['displayName', 'memberId', 'branchId', 'orgId', 'roles'] as const;

/**
 * New members' accounts have no password: the office hands out activation codes for them. An
 * existing account gets the plan's roles, branch and name; the caller cache drops it by itself.
 */
async function applyAccounts(store: Store, writes: readonly AccountWrite[]): Promise<number> {
	let pending = writes;
	let written = 0;
	for (let attempt = 0; pending.length > 0; attempt++) {
		if (attempt === MAX_TRIES) throw new ImportFailure(`${pending.length} accounts kept changing.`);
		const current = await readCurrent(
			store,
			'accounts',
			pending.map((write) => write.account.username)
		);
		const next = pending.flatMap((write) => {
			const { username, ...fields } = write.account;
			const found = current.get(username);
			const account = found?.doc as unknown as Account | null | undefined;
			if (!account) {
				return [
					{
						write,
						doc: {
							_id: username,
							...fields,
							passwordHash: '',
							failedLogins: 0,
							...(found?.rev ? { _rev: found.rev } : {})
						}
					}
				];
			}
			if (account.memberId !== fields.memberId) {
				throw new ImportFailure(`The username ${username} belongs to another account.`);
			}
			if (accountFields.every((field) => isDeepStrictEqual(account[field], fields[field]))) {
				return [];
			}
			return [{ write, doc: { ...account, ...fields } }];
		});
		if (next.length === 0) break;
		const results = await store
			.db('accounts')
			.bulkDocs(next.map(({ doc }) => doc as unknown as Record<string, unknown> & { _id: string }));
		const conflicted: AccountWrite[] = [];
		results.forEach((result, index) => {
			const entry = next[index];
			if (!entry) return;
			if (!('error' in result) || !result.error) written++;
			else if (result.status === 409) conflicted.push(entry.write);
			else throw new ImportFailure(`Writing accounts failed: ${result.error}.`);
		});
		pending = conflicted;
	}
	return written;
}
