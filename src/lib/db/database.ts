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
	LAYOUT_VERSION,
	legacyCollectionNames,
	legacyTarget,
	type Attendance,
	type CollectionName,
	type DocTypes,
	type LegacyCollectionName,
	type LegacyDocTypes
} from '../domain/registry';
import type { KindSchema } from '../domain/schema/kind-definition';
import { isClaim } from '../domain/marketplace/claim-record';
import { isClaimDecision } from '../domain/marketplace/claim-decisions';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export type { DocTypes };

export type BaodaoCollections = { [K in CollectionName]: RxCollection<DocTypes[K]> } & {
	[K in LegacyCollectionName]?: RxCollection<LegacyDocTypes[K]>;
};
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

/** A legacy collection opens with the schema it had: its kind's. */
function legacyConfigs(names: readonly LegacyCollectionName[]) {
	return Object.fromEntries(
		names.map((name) => [name, configOf(name, legacyTarget(name).kind.schema)])
	) as unknown as { [K in LegacyCollectionName]: { schema: RxJsonSchema<LegacyDocTypes[K]> } };
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
	await openLegacyCollections(db);
	return db;
}

const LAYOUT_DOC = 'layout';
/** Written by every start of sync; a database without it has never held anything. */
const CHANNELS_DOC = 'channels';

/**
 * A replica kept by an earlier version may hold collections of the previous layout with changes
 * not yet pushed. Moving them into the new collections on the device would lose the replication's
 * idea of the server's state, and the default conflict handler would then drop those edits; so
 * such collections stay open, unchanged, until the replica has pushed them (`Replica` drains them,
 * then `closeLayoutChange`). Empty ones go at once.
 */
async function openLegacyCollections(db: BaodaoDatabase): Promise<void> {
	const layout = await db.getLocal<{ version: number }>(LAYOUT_DOC);
	if (Number(layout?.get('version')) >= LAYOUT_VERSION) return;
	if (await db.getLocal(CHANNELS_DOC)) {
		await db.addCollections(legacyConfigs(legacyCollectionNames));
		for (const name of legacyCollectionNames) {
			const collection = db.collections[name];
			if (collection && (await collection.count().exec()) === 0) await collection.remove();
		}
	}
	if (openLegacy(db).length === 0) await closeLayoutChange(db);
}

/** The legacy collections a database still has open (see `openLegacyCollections`). */
export function openLegacy(db: BaodaoDatabase): LegacyCollectionName[] {
	return legacyCollectionNames.filter((name) => name in db.collections);
}

/** Removes what is left of the previous layout and records that the replica is in this one. */
export async function closeLayoutChange(db: BaodaoDatabase): Promise<void> {
	for (const name of openLegacy(db)) await db.collections[name]?.remove();
	await db.upsertLocal(LAYOUT_DOC, { version: LAYOUT_VERSION });
}

/**
 * A document as this device holds it, by collection and id. While a replica still drains the
 * previous layout (offline at its first start after an update), the successor may not have pulled
 * yet: the document is then read from the legacy collection that held its kind.
 */
export async function findHeld(
	db: BaodaoDatabase,
	collection: CollectionName,
	id: string
): Promise<Record<string, unknown> | null> {
	const found = await db.collections[collection].findOne(id).exec();
	if (found) return found.toMutableJSON() as unknown as Record<string, unknown>;
	for (const name of openLegacy(db)) {
		if (legacyTarget(name).collection !== collection) continue;
		const legacy = await db.collections[name]?.findOne(id).exec();
		if (legacy) return legacy.toMutableJSON() as unknown as Record<string, unknown>;
	}
	return null;
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
