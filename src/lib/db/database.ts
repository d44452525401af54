import {
	addRxPlugin,
	createRxDatabase,
	defaultConflictHandler,
	type RxConflictHandler,
	type RxCollection,
	type RxDatabase,
	type RxJsonSchema,
	type RxStorage
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { mergeAttendance } from '../domain/events/attendance-merge';
import {
	collectionNames,
	collectionSchema,
	type Attendance,
	type CollectionName,
	type DocTypes
} from '../domain/registry';
import type { KindSchema } from '../domain/schema/kind-definition';
import { isClaim } from '../domain/marketplace/claim-record';
import { isClaimDecision } from '../domain/marketplace/claim-decisions';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

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

/**
 * Two devices that recorded the same check-in offline wrote the same id: both keep the earlier
 * check-in (the later check-out), which the gateway accepts over the other (attendance-merge.ts).
 * The gateway also answers a refused document as a conflict; meeting the same server version a
 * second time means ours was refused, so we give way instead of pushing it forever.
 */
function attendanceConflicts(): RxConflictHandler<Attendance> {
	const preferredOver = new Map<string, string>();
	return {
		isEqual: defaultConflictHandler.isEqual,
		resolve: ({ newDocumentState: mine, realMasterState: theirs }) => {
			// Claims and decisions share the collection and merge by no rule: the server's stands.
			if (isClaim(mine) || isClaimDecision(mine)) return Promise.resolve(theirs);
			const seen = `${theirs._deleted}:${theirs.at}:${theirs.recordedBy}`;
			if (mine._deleted || theirs._deleted || preferredOver.get(mine.id) === seen) {
				return Promise.resolve(theirs);
			}
			if (mergeAttendance(mine, theirs) !== mine) return Promise.resolve(theirs);
			preferredOver.set(mine.id, seen);
			return Promise.resolve(mine);
		}
	};
}

/**
 * Schema changes so far only add optional fields, so a stored document is valid as it is: each
 * version step keeps it unchanged (RxDB refuses to open a collection whose stored version differs
 * and has no strategy).
 */
function migrationsOf(version: number) {
	if (version === 0) return {};
	const keep = (doc: unknown) => doc;
	return {
		migrationStrategies: Object.fromEntries(
			Array.from({ length: version }, (_, step) => [step + 1, keep])
		)
	};
}

function configOf(name: string, schema: KindSchema) {
	return {
		schema: schema as unknown as RxJsonSchema<object>,
		...(name === 'attendance' ? { conflictHandler: attendanceConflicts() } : {}),
		...migrationsOf(schema.version)
	};
}

function collectionConfigs(names: readonly CollectionName[]) {
	return Object.fromEntries(
		names.map((name) => [name, configOf(name, collectionSchema(name))])
	) as unknown as { [K in CollectionName]: { schema: RxJsonSchema<DocTypes[K]> } };
}

export interface OpenOptions {
	name: string;
	storage: AnyStorage;
	multiInstance: boolean;
	/** Check every local write against the shared schemas before it is stored. */
	validate: boolean;
	/** The collections to open: all by default; tests running several devices in one process open fewer. */
	collections?: readonly CollectionName[];
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
	await db.addCollections(collectionConfigs(options.collections ?? collectionNames));
	return db;
}

/** A document as this device holds it, by collection and id. */
export async function findHeld(
	db: BaodaoDatabase,
	collection: CollectionName,
	id: string
): Promise<Record<string, unknown> | null> {
	const found = await db.collections[collection].findOne(id).exec();
	return found ? (found.toMutableJSON() as unknown as Record<string, unknown>) : null;
}

/** The collections of the layout a database has open. */
export function openCollections(db: BaodaoDatabase): CollectionName[] {
	return collectionNames.filter((name) => name in db.collections);
}

/** Empties every open collection (and its replication state) and creates them anew. */
export async function resetCollections(db: BaodaoDatabase): Promise<void> {
	const names = openCollections(db);
	for (const name of names) await db.collections[name].remove();
	await db.addCollections(collectionConfigs(names));
}
