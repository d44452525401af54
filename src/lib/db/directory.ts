import type { MangoQuerySelector } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { badges } from '../domain/codes/badges';
import { communities, isCommunity } from '../domain/directory/communities';
import { isOrg, orgs } from '../domain/directory/orgs';
import type { BadgeRecord, Community, DirectoryDoc, Org } from '../domain/registry';
import type { KindDefinition } from '../domain/schema/kind-definition';
import { findHeld, type BaodaoDatabase } from './database';
import { plainDoc, plainDocs } from './plain-docs';

/*
 * Organisations, communities and badge keys share the `directory` collection and are told apart
 * by their `kind` field. Every read of one of them goes through here, so the feature modules do
 * not depend on how the registry lays the directory out.
 */

type Selector = MangoQuerySelector<DirectoryDoc>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a kind of any document type.
type AnyKind = KindDefinition<any>;

/** Documents of one kind (a selector may narrow `kind` further), live. */
function ofKind<T extends DirectoryDoc>(
	db: BaodaoDatabase,
	kind: AnyKind,
	selector: Selector
): Observable<T[]> {
	const kindValues = { $in: [...(kind.kindValues ?? [])] as DirectoryDoc['kind'][] };
	const docs = db.directory
		.find({ selector: { kind: kindValues, ...selector } })
		.$.pipe(plainDocs<DirectoryDoc>());
	return docs as Observable<T[]>;
}

/** One document by id, when it is of the kind asked for, live. */
function oneOf<T extends DirectoryDoc>(
	db: BaodaoDatabase,
	id: string,
	isKind: (doc: DirectoryDoc) => doc is T
): Observable<T | null> {
	return db.directory.findOne(id).$.pipe(
		plainDoc<DirectoryDoc>(),
		map((found) => (found && isKind(found) ? found : null))
	);
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
	return oneOf(db, id, isOrg);
}

export function communityById(db: BaodaoDatabase, id: string): Observable<Community | null> {
	return oneOf(db, id, isCommunity);
}

/** An organisation as this device holds it now, e.g. the branch a write is checked against. */
export async function findOrg(db: BaodaoDatabase, id: string): Promise<Org | null> {
	const doc = await findHeld(db, 'directory', id);
	return doc && isOrg(doc) ? doc : null;
}
