import { collectionNames } from '../../domain/registry';
import { createAccount, findAccount } from '../accounts';
import { DEMO_PASSWORD, buildDemoData, type DemoAccount } from './demo-data';
import type { DatabaseName, Store } from '../store';

export interface SeedResult {
	seeded: boolean;
	accounts: DemoAccount[];
}

/** Replicated documents are stored with CouchDB's `_id`; the shared types call it `id`. */
export function toStored<T extends { id: string }>(doc: T): Omit<T, 'id'> & { _id: string } {
	const { id, ...fields } = doc;
	return { ...fields, _id: id };
}

/**
 * Fills an empty store with the demo bureau. Does nothing when the store already holds members,
 * so a restart never duplicates or overwrites real data. (Not the directory: the server publishes
 * its badge issuer key there before anything else.)
 */
export async function seedDemoData(
	store: Store,
	now: Date,
	onlyAccounts?: readonly string[]
): Promise<SeedResult> {
	const data = buildDemoData(now);
	const accounts = onlyAccounts
		? data.accounts.filter((account) => onlyAccounts.includes(account.username))
		: data.accounts;
	const existing = await store.db('members').allDocs({ limit: 5 });
	if (existing.rows.some((row) => !row.id.startsWith('_design/')))
		return { seeded: false, accounts };
	for (const name of collectionNames) {
		const docs = data.docs[name].map(toStored);
		if (docs.length) await store.db(name as DatabaseName).bulkDocs(docs);
	}
	for (const account of accounts) {
		if (await findAccount(store.db('accounts'), account.username)) continue;
		await createAccount(store.db('accounts'), { ...account, password: DEMO_PASSWORD });
	}
	return { seeded: true, accounts };
}
