import {
	addRxPlugin,
	createRxDatabase,
	type RxCollection,
	type RxDatabase,
	type RxJsonSchema,
	type RxStorage
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
	collectionNames,
	collections,
	type CollectionName,
	type DocTypes
} from '../domain/collections';

addRxPlugin(RxDBLocalDocumentsPlugin);

export type { DocTypes };

export type BaodaoCollections = { [K in CollectionName]: RxCollection<DocTypes[K]> };
export type BaodaoDatabase = RxDatabase<BaodaoCollections>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB's storages are generic over their internals.
export type AnyStorage = RxStorage<any, any>;

/** One local database per signed-in user; the name only needs to be stable and RxDB-safe. */
export function databaseNameFor(username: string): string {
	return (
		'baodao-' +
		[...new TextEncoder().encode(username)].map((b) => b.toString(16).padStart(2, '0')).join('')
	);
}

function collectionConfigs() {
	return Object.fromEntries(
		collectionNames.map((name) => [
			name,
			{ schema: collections[name].schema as unknown as RxJsonSchema<DocTypes[typeof name]> }
		])
	) as { [K in CollectionName]: { schema: RxJsonSchema<DocTypes[K]> } };
}

export interface OpenOptions {
	name: string;
	storage: AnyStorage;
	multiInstance: boolean;
	/** Check every local write against the shared schemas before it is stored. */
	validate: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<BaodaoDatabase> {
	const db = await createRxDatabase<BaodaoCollections>({
		name: options.name,
		storage: options.validate
			? wrappedValidateAjvStorage({ storage: options.storage })
			: options.storage,
		multiInstance: options.multiInstance,
		localDocuments: true,
		closeDuplicates: true
	});
	await db.addCollections(collectionConfigs());
	return db;
}

/** Empties every collection (and its replication state) and creates them anew. */
export async function resetCollections(db: BaodaoDatabase): Promise<void> {
	for (const name of collectionNames) await db.collections[name].remove();
	await db.addCollections(collectionConfigs());
}
