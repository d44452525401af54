import type { MangoQuerySelector, RxCollection } from 'rxdb';
import { combineLatest, map, type Observable } from 'rxjs';
import { badges } from '../domain/codes/badges';
import { communities, isCommunity } from '../domain/directory/communities';
import { isOrg, orgs } from '../domain/directory/orgs';
import {
	legacyTarget,
	type BadgeRecord,
	type Community,
	type DirectoryDoc,
	type Org
} from '../domain/registry';
import type { KindDefinition } from '../domain/schema/kind-definition';
import { findHeld, openLegacy, type BaodaoDatabase } from './database';
import { plainDoc, plainDocs } from './plain-docs';

/*
 * Organisations, communities and badge keys share the `directory` collection and are told apart
 * by their `kind` field. Every read of one of them goes through here, so the feature modules do
 * not depend on how the registry lays the directory out — nor on a replica that still holds them
 * in the previous layout's collections while it drains them (database.ts): until the directory
 * has pulled, they are read from there too, the directory's version winning.
 */

type Selector = MangoQuerySelector<DirectoryDoc>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a kind of any document type.
type AnyKind = KindDefinition<any>;

/** The previous layout's collection that still holds documents of this kind, if the replica has one. */
function legacyOf(db: BaodaoDatabase, kind: AnyKind): RxCollection<DirectoryDoc> | null {
	const name = openLegacy(db).find((legacy) => legacyTarget(legacy).kind === kind);
	return name ? ((db.collections[name] as RxCollection<DirectoryDoc> | undefined) ?? null) : null;
}

function byIdFirstWins<T extends { id: string }>(...lists: T[][]): T[] {
	const seen = new Map<string, T>();
	for (const list of lists) for (const doc of list) if (!seen.has(doc.id)) seen.set(doc.id, doc);
	return [...seen.values()];
}

/** Documents of one kind (a selector may narrow `kind` further), live. */
function ofKind<T extends DirectoryDoc>(
	db: BaodaoDatabase,
	kind: AnyKind,
	selector: Selector
): Observable<T[]> {
	const kindValues = { $in: [...(kind.kindValues ?? [])] as DirectoryDoc['kind'][] };
	const current = db.directory
		.find({ selector: { kind: kindValues, ...selector } })
		.$.pipe(plainDocs<DirectoryDoc>());
	const legacy = legacyOf(db, kind);
	const docs = legacy
		? combineLatest([current, legacy.find({ selector }).$.pipe(plainDocs<DirectoryDoc>())]).pipe(
				map(([now, before]) => byIdFirstWins(now, before))
			)
		: current;
	return docs as Observable<T[]>;
}

/** One document by id, when it is of the kind asked for, live. */
function oneOf<T extends DirectoryDoc>(
	db: BaodaoDatabase,
	id: string,
	kind: AnyKind,
	isKind: (doc: DirectoryDoc) => doc is T
): Observable<T | null> {
	const current = db.directory.findOne(id).$.pipe(plainDoc<DirectoryDoc>());
	const legacy = legacyOf(db, kind);
	const doc = legacy
		? combineLatest([current, legacy.findOne(id).$.pipe(plainDoc<DirectoryDoc>())]).pipe(
				map(([now, before]) => now ?? before)
			)
		: current;
	return doc.pipe(map((found) => (found && isKind(found) ? found : null)));
}

export function orgsWhere(db: BaodaoDatabase, selector: Selector = {}): Observable<Org[]> {
	return ofKind(db, orgs, selector);
}

export function communitiesWhere(
	db: BaodaoDatabase,
	selector: Selector = {}
): Observable<Community[]> {
	return ofKind(db, communities, selector);
}

/** The badge registry as this device holds it: issuer keys, and the badge entries it may see. */
export function badgeRecords(db: BaodaoDatabase): Observable<BadgeRecord[]> {
	return ofKind(db, badges, {});
}

export function orgById(db: BaodaoDatabase, id: string): Observable<Org | null> {
	return oneOf(db, id, orgs, isOrg);
}

export function communityById(db: BaodaoDatabase, id: string): Observable<Community | null> {
	return oneOf(db, id, communities, isCommunity);
}

/** An organisation as this device holds it now, e.g. the branch a write is checked against. */
export async function findOrg(db: BaodaoDatabase, id: string): Promise<Org | null> {
	const doc = await findHeld(db, 'directory', id);
	return doc && isOrg(doc) ? doc : null;
}
