import { sameChannels } from './channels';
import type { SubjectRef } from '../schema/subject-ref';
import { kindOf, type AnyDoc, type CollectionName, type DocTypes } from '../registry';
import type { Actor } from './roles';
import { validateAgainst } from '../schema/schema-validation';
import { reject, type Verdict } from './write-verdict';

export interface WriteAttempt {
	collection: CollectionName;
	actor: Actor;
	/** The stored version (own fields only), or null for a new document. */
	prev: AnyDoc | null;
	next: AnyDoc;
	deleting: boolean;
	subject: Record<string, unknown> | null;
	/** Documents named by the collection's `relatedOf`, keyed by `relatedKey`. */
	related?: ReadonlyMap<string, Record<string, unknown>>;
	/** False on a device, which holds only what its user may read; the gateway's is complete. */
	relatedComplete?: boolean;
	now?: Date;
}

export function relatedKey(ref: SubjectRef): string {
	return `${ref.collection}/${ref.id}`;
}

/**
 * Decides a pushed write: shape first, then the channels its fields imply, then the
 * document's kind's own rules. Pure, so a device can run the same checks before it writes locally.
 */
export function checkWrite(attempt: WriteAttempt): Verdict {
	const definition = kindOf(attempt.collection, attempt.next);
	if (!definition) return reject('invalid', '/kind is not a kind of this collection');
	if (!definition.policy) return reject('server-owned');
	// One id is one thing: a document never turns into another kind of its collection.
	if (attempt.prev && kindOf(attempt.collection, attempt.prev) !== definition) {
		return reject('immutable-field', 'kind');
	}
	const schemaError = validateAgainst(definition.schema, attempt.next);
	if (schemaError) return reject('invalid', `${schemaError.path} ${schemaError.message}`);
	if (!sameChannels(attempt.next.channels, definition.channelsOf(attempt.next))) {
		return reject('channels');
	}
	return definition.policy({
		actor: attempt.actor,
		prev: attempt.prev,
		next: attempt.next,
		deleting: attempt.deleting,
		subject: attempt.subject,
		related: (ref) => attempt.related?.get(relatedKey(ref)) ?? null,
		relatedComplete: attempt.relatedComplete ?? true,
		now: attempt.now ?? new Date()
	});
}

export interface TypedWriteAttempt<K extends CollectionName> {
	collection: K;
	actor: Actor;
	prev: DocTypes[K] | null;
	next: DocTypes[K];
	deleting: boolean;
	subject: object | null;
	related?: ReadonlyMap<string, Record<string, unknown>>;
	relatedComplete?: boolean;
	now?: Date;
}

/** `checkWrite` for a device's own typed documents, before it stores them locally. */
export function checkTypedWrite<K extends CollectionName>(attempt: TypedWriteAttempt<K>): Verdict {
	// The document interfaces lack an index signature, so they are not `AnyDoc` to the compiler;
	// at run time they are the same plain JSON objects the gateway checks.
	return checkWrite(attempt as unknown as WriteAttempt);
}

/** The document with the channels today's rules give it; one of no known kind is left as it is. */
export function withCurrentChannels(collection: CollectionName, doc: AnyDoc): AnyDoc {
	return kindOf(collection, doc) ? withChannels(collection, doc) : doc;
}

/**
 * Fills in `channels` from the document's own fields, as the server will recompute them. The
 * document's type is the caller's (a kind's interface): checking an object literal against the
 * union of every collection's kinds is more than the compiler can represent.
 */
export function withChannels<T extends { id: string }>(collection: CollectionName, doc: T): T {
	const definition = kindOf(collection, doc);
	if (!definition) throw new Error(`Not a kind of ${collection}: ${String(doc.id)}`);
	return { ...doc, channels: definition.channelsOf(doc as AnyDoc) };
}
