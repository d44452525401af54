import { randomBytes } from 'node:crypto';
import { createRxDatabase, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { addRxPlugin } from 'rxdb';
import {
	collectionNames,
	collectionSchema,
	isLegacyCollectionName,
	legacyTarget,
	type AnyDoc
} from '../../src/lib/domain/registry';
import { createAccount } from '../../src/lib/server/accounts';
import { buildDemoData, DEMO_PASSWORD } from '../../src/lib/server/demo/demo-data';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { openStore } from '../../src/lib/server/store';

addRxPlugin(RxDBLocalDocumentsPlugin);

/**
 * The layout before the directory: eleven collections, organisations, the community tree and the
 * badge registry each in its own. Each of those is one kind of `directory` now.
 */
export const PREVIOUS_COLLECTIONS = [
	'orgs',
	'communities',
	'members',
	'contacts',
	'reports',
	'reviews',
	'notices',
	'activities',
	'attendance',
	'badges',
	'credentials'
] as const;

type PreviousName = (typeof PREVIOUS_COLLECTIONS)[number];

function schemaOf(name: PreviousName) {
	const schema = isLegacyCollectionName(name)
		? legacyTarget(name).kind.schema
		: collectionSchema(name);
	return schema as unknown as RxJsonSchema<object>;
}

function previousCollectionOf(doc: AnyDoc): PreviousName | null {
	for (const name of ['orgs', 'communities', 'badges'] as const) {
		if (legacyTarget(name).kind.kindValues?.includes(String(doc['kind']))) return name;
	}
	return null;
}

/**
 * A store as the previous version left it: the demo bureau in the previous layout's databases,
 * the accounts named, and the token key every earlier start created.
 */
export async function seedPreviousLayoutStore(
	dataDir: string,
	now: Date,
	usernames: readonly string[]
): Promise<void> {
	const store = openStore({ dataDir });
	const data = buildDemoData(now);
	for (const name of collectionNames) {
		for (const doc of data.docs[name]) {
			const target = name === 'directory' ? previousCollectionOf(doc) : name;
			if (!target) throw new Error(`No previous collection for ${doc.id}`);
			await store.db(target).put(toStored(doc));
		}
	}
	for (const account of data.accounts.filter((a) => usernames.includes(a.username))) {
		await createAccount(store.db('accounts'), { ...account, password: DEMO_PASSWORD });
	}
	await store
		.db('config')
		.put({ _id: 'seq-token-secret', secret: randomBytes(32).toString('base64') });
	await store.close();
}

/**
 * A device running the previous version: its replica in the previous layout, synced through the
 * gateway under the names and replication identifiers that version used.
 */
export async function syncPreviousLayoutDevice(options: {
	name: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB's storages are generic over their internals.
	storage: RxStorage<any, any>;
	serverUrl: string;
	fetch: typeof fetch;
	channels: readonly string[];
}): Promise<RxDatabase> {
	const db = await createRxDatabase({
		name: options.name,
		storage: options.storage,
		multiInstance: false,
		localDocuments: true
	});
	await db.addCollections(
		Object.fromEntries(PREVIOUS_COLLECTIONS.map((name) => [name, { schema: schemaOf(name) }]))
	);
	for (const name of PREVIOUS_COLLECTIONS) {
		const state = replicateCouchDB<unknown>({
			replicationIdentifier: `main-${name}`,
			collection: db.collections[name] as never,
			url: `${options.serverUrl}/sync/${name}/`,
			fetch: options.fetch,
			live: true,
			retryTime: 100,
			waitForLeadership: false,
			pull: { batchSize: 50 },
			push: { batchSize: 50 }
		});
		await state.awaitInSync();
		await state.cancel();
	}
	await db.upsertLocal('channels', { channels: [...options.channels] });
	return db;
}
