import {
	isCollectionName,
	kindOf,
	type AnyDoc,
	type CollectionName,
	type DocTypes
} from '../domain/registry';
import type { Actor } from '../domain/access/roles';
import { checkTypedWrite, relatedKey } from '../domain/access/write-policy';
import type { RejectReason } from '../domain/access/write-verdict';
import { findHeld, type BaodaoDatabase } from './database';
import type { SessionInfo } from './session-client';

/** The person a session belongs to, as the shared write policies see them. */
export function actorOf(session: SessionInfo): Actor {
	return {
		username: session.user.username,
		...(session.user.memberId ? { memberId: session.user.memberId } : {}),
		...(session.user.branchId ? { branchId: session.user.branchId } : {}),
		...(session.user.orgId ? { orgId: session.user.orgId } : {}),
		roles: session.roles
	};
}

/** A write the gateway would refuse, caught on the device before anything is stored. */
export class LocalWriteRefused extends Error {
	constructor(
		readonly reason: RejectReason,
		readonly detail?: string
	) {
		super(detail ? `${reason}: ${detail}` : reason);
	}
}

/** A stored document without RxDB's bookkeeping fields, which the gateway never sees. */
export function ownFields<T>(doc: T): T {
	const copy = { ...doc } as Record<string, unknown>;
	for (const key of Object.keys(copy)) if (key.startsWith('_')) delete copy[key];
	return copy as T;
}

/**
 * Stores a document locally after running the gateway's own checks on it, so a person learns at
 * once, offline too, that a change would be refused — instead of seeing it reverted on sync.
 */
export async function writeChecked<K extends CollectionName>(
	db: BaodaoDatabase,
	collection: K,
	actor: Actor,
	next: DocTypes[K],
	subject?: object | null
): Promise<void> {
	const target = db.collections[collection];
	const stored = await target.findOne(next.id).exec();
	const prev = stored ? ownFields(stored.toJSON() as unknown as DocTypes[K]) : null;
	const related = await relatedDocs(db, collection, next);
	const verdict = checkTypedWrite({
		collection,
		actor,
		prev,
		next,
		deleting: false,
		subject: subject === undefined ? await subjectDoc(db, collection, next) : subject,
		related,
		relatedComplete: false,
		now: new Date()
	});
	if (!verdict.ok) throw new LocalWriteRefused(verdict.reason, verdict.detail);
	// RxDB's collection types are a union over the collections; the document matches its own one.
	await (target as unknown as { upsert(doc: DocTypes[K]): Promise<unknown> }).upsert(next);
}

/**
 * Stores many documents of one collection in one bulk write, each after the gateway's own checks:
 * one refused refuses the batch before anything is stored, so a batch lands whole or not at all
 * (a secretary approving 500 records in one tap waits for one write, not 500).
 */
export async function writeAllChecked<K extends CollectionName>(
	db: BaodaoDatabase,
	collection: K,
	actor: Actor,
	batch: readonly { next: DocTypes[K]; subject: object | null }[]
): Promise<void> {
	const target = db.collections[collection] as unknown as {
		findByIds(ids: string[]): { exec(): Promise<Map<string, { toJSON(): unknown }>> };
		bulkUpsert(docs: DocTypes[K][]): Promise<{ error: unknown[] }>;
	};
	const stored = await target.findByIds(batch.map(({ next }) => next.id)).exec();
	const now = new Date();
	for (const { next, subject } of batch) {
		const held = stored.get(next.id);
		const verdict = checkTypedWrite({
			collection,
			actor,
			prev: held ? ownFields(held.toJSON() as DocTypes[K]) : null,
			next,
			deleting: false,
			subject,
			related: await relatedDocs(db, collection, next),
			relatedComplete: false,
			now
		});
		if (!verdict.ok) throw new LocalWriteRefused(verdict.reason, verdict.detail);
	}
	const { error } = await target.bulkUpsert(batch.map(({ next }) => next));
	if (error.length > 0)
		throw new Error(`bulk write: ${error.length} of ${batch.length} not stored`);
}

/**
 * Deletes a stored document after the gateway's own checks (a sign-up is withdrawn by deleting
 * it); does nothing when the device does not hold it.
 */
export async function deleteChecked<K extends CollectionName>(
	db: BaodaoDatabase,
	collection: K,
	actor: Actor,
	id: string,
	subject?: object | null
): Promise<void> {
	const stored = await db.collections[collection].findOne(id).exec();
	if (!stored) return;
	const prev = ownFields(stored.toJSON() as unknown as DocTypes[K]);
	const verdict = checkTypedWrite({
		collection,
		actor,
		prev,
		next: prev,
		deleting: true,
		subject: subject === undefined ? await subjectDoc(db, collection, prev) : subject,
		related: await relatedDocs(db, collection, prev),
		relatedComplete: false,
		now: new Date()
	});
	if (!verdict.ok) throw new LocalWriteRefused(verdict.reason, verdict.detail);
	await stored.remove();
}

/** The document a collection's policy decides against (e.g. the activity of a check-in), if held here. */
async function subjectDoc<K extends CollectionName>(
	db: BaodaoDatabase,
	collection: K,
	doc: DocTypes[K]
): Promise<Record<string, unknown> | null> {
	const ref = kindOf(collection, doc)?.subjectOf?.(doc as unknown as AnyDoc);
	if (!ref || !isCollectionName(ref.collection) || !(ref.collection in db.collections)) return null;
	const found = await findHeld(db, ref.collection, ref.id);
	return found ? ownFields(found) : null;
}

/** The documents a collection's policy reads besides the subject, as this device holds them. */
async function relatedDocs<K extends CollectionName>(
	db: BaodaoDatabase,
	collection: K,
	doc: DocTypes[K]
): Promise<Map<string, Record<string, unknown>>> {
	const refs = kindOf(collection, doc)?.relatedOf?.(doc as unknown as AnyDoc) ?? [];
	const found = new Map<string, Record<string, unknown>>();
	for (const ref of refs) {
		if (!isCollectionName(ref.collection) || !(ref.collection in db.collections)) continue;
		const related = await findHeld(db, ref.collection, ref.id);
		if (related) found.set(relatedKey(ref), ownFields(related));
	}
	return found;
}
