import { canRead } from '../domain/access/channels';
import { isCollectionName, kindOf, type AnyDoc, type CollectionName } from '../domain/registry';
import { isValidId } from '../domain/schema/ids';
import { checkWrite, relatedKey } from '../domain/access/write-policy';
import type { SubjectRef } from '../domain/schema/subject-ref';
import { reject, type Verdict } from '../domain/access/write-verdict';
import type { Caller } from './authentication';
import type { StoredDoc } from './stored-doc';
import { recordDepartures } from './departures';
import { lookupDocs, readStored, type Lookup } from './doc-lookup';
import { recordRejections, type Refusal } from './rejections';
import type { ServerContext } from './server-context';
import { isWellFormedValue } from './well-formed-text';

type Pushed = Record<string, unknown> & { _id: string };
type Outcome = Verdict | 'stale';
export type BulkRow =
	{ ok: true; id: string; rev: string } | { id: string; error: 'conflict'; reason: string };

/** The underscore fields a device may send; anything else is not a document of ours. */
const ALLOWED_SPECIAL = new Set(['_id', '_rev', '_deleted', '_attachments']);

/** The document's own fields, in the shape the shared schemas and policies speak. */
function ownFields(doc: Record<string, unknown>): AnyDoc {
	const fields: Record<string, unknown> = { id: doc['_id'] };
	for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) fields[key] = value;
	return fields as AnyDoc;
}

/** What makes a pushed document not one of ours (named in the refusal's detail), or null. */
export function shapeProblem(doc: Pushed): string | null {
	// Checked before anything is read or stored: CouchDB would refuse the whole batch for it.
	if (!isWellFormedValue(doc)) return 'text';
	for (const key of Object.keys(doc)) {
		if (key.startsWith('_') && !ALLOWED_SPECIAL.has(key)) return `field ${key}`;
	}
	if (!isValidId(doc._id)) return 'id';
	// The id travels as `_id` only: RxDB would keep both on pull and every replica's schema
	// would refuse the document, stopping that collection's sync for all its readers.
	if ('id' in doc) return 'field id';
	if (doc['_rev'] !== undefined && typeof doc['_rev'] !== 'string') return '_rev';
	if (doc['_deleted'] !== undefined && typeof doc['_deleted'] !== 'boolean') return '_deleted';
	const attachments = doc['_attachments'];
	if (
		attachments !== undefined &&
		(typeof attachments !== 'object' ||
			attachments === null ||
			Array.isArray(attachments) ||
			Object.keys(attachments).length > 0)
	) {
		return '_attachments';
	}
	return null;
}

/**
 * Checks each pushed document on its own and writes the accepted ones exactly as sent
 * (principle 4). A refused document becomes a `conflict` row so the device reverts it and goes on
 * (principle 6); the rest of the batch is unaffected.
 */
export async function bulkDocs(
	context: ServerContext,
	caller: Caller,
	collection: CollectionName,
	docs: Pushed[]
): Promise<BulkRow[]> {
	const granted = new Set(caller.channels);
	const now = context.now();
	// Each pushed document's own fields, once: the checks, the reads and departures share them.
	const fieldsOf = docs.map(ownFields);
	const [stored, subjects, related] = await Promise.all([
		storedVersions(context, collection, docs, granted),
		loadSubjects(context, collection, fieldsOf, granted),
		loadRelated(context, collection, fieldsOf)
	]);

	const judge = (doc: Pushed, index: number): Outcome => {
		const problem = shapeProblem(doc);
		if (problem) return reject('invalid', problem);
		// A version the caller may not see counts as none: the push is judged exactly as if nothing
		// were stored under its id, so no answer, stash or notice tells that something is.
		const prev = stored[index]?.doc ?? null;
		// The device wrote over a version it has not seen: a true conflict, resolved on the device.
		if (prev && !prev._deleted && doc['_rev'] !== prev._rev) return 'stale';
		const next = fieldsOf[index] ?? ownFields(doc);
		if (!canRead(granted, next.channels)) return reject('forbidden');
		const attempt = {
			collection,
			actor: caller.actor,
			prev: prev && !prev._deleted ? ownFields(prev) : null,
			next,
			deleting: doc['_deleted'] === true,
			subject: subjects[index]?.doc ?? null,
			related,
			now
		};
		const checked = checkWrite(attempt);
		// A subject the writer may not read counts only for a write that proves it; refused, the
		// write is answered as if the subject did not exist, so no answer tells it exists.
		const verdict =
			subjects[index]?.hidden && !checked.ok ? checkWrite({ ...attempt, subject: null }) : checked;
		// An update of no version the caller sees — none stored, or a hidden one — is the conflict
		// the store answers for a missing document, decided here so a hidden one is never written.
		const outcome = verdict.ok && isUpdate(doc) && !prev ? 'stale' : verdict;
		if (isAccepted(outcome)) seeInBatch(related, collection, doc, next);
		return outcome;
	};
	const outcomes: Outcome[] = [];
	for (const index of citedFirst(collection, fieldsOf)) {
		const doc = docs[index];
		if (doc) outcomes[index] = judge(doc, index);
	}

	const accepted = docs.filter((_, index) => isAccepted(outcomes[index]));
	await recordDepartures(
		context.store,
		collection,
		docs.flatMap((doc, index) => {
			if (!isAccepted(outcomes[index])) return [];
			const prev = stored[index]?.doc ?? null;
			return [
				{
					id: doc._id,
					prev: prev?._deleted ? null : prev,
					nextChannels: (fieldsOf[index] ?? ownFields(doc)).channels
				}
			];
		})
	);
	// Server facts about what was accepted go into the same write, beside it: the note of a late
	// self-scan is in the store whenever the check-in is (a repeat of a note is refused, unharmed).
	const notes = docs.flatMap((doc, index) =>
		isAccepted(outcomes[index]) && doc['_deleted'] !== true
			? serverNotes(collection, fieldsOf[index] ?? ownFields(doc), stored[index]?.doc ?? null, now)
			: []
	);
	const written = await context.writes.bulkDocs(collection, [...accepted, ...notes]);
	const writtenById = new Map(written.map((row, i) => [accepted[i]?._id, row]));
	// A creation the store refused met a document under its id: it is answered as if that document
	// had been looked up first — stale when the writer sees it, else forbidden and no more.
	const clashes = docs.flatMap((doc, index) => {
		const result = writtenById.get(doc._id) as { status?: number } | undefined;
		return isAccepted(outcomes[index]) && !isUpdate(doc) && result?.status === 409 ? [index] : [];
	});
	if (clashes.length > 0) {
		const found = await lookupDocs(
			context.store,
			collection,
			clashes.map((index) => docs[index]?._id ?? ''),
			granted
		);
		clashes.forEach((docIndex, i) => {
			outcomes[docIndex] = found[i]?.hidden ? reject('forbidden') : 'stale';
		});
	}

	const rows: BulkRow[] = [];
	const refusals: Refusal[] = [];
	for (const [index, doc] of docs.entries()) {
		const outcome = outcomes[index] ?? reject('invalid');
		const id = String(doc._id);
		if (outcome === 'stale') {
			rows.push({ id, error: 'conflict', reason: 'Document update conflict.' });
		} else if (!outcome.ok) {
			refusals.push({ pushed: { ...doc, _id: id }, verdict: outcome });
			rows.push({ id, error: 'conflict', reason: outcome.reason });
		} else {
			const result = writtenById.get(doc._id);
			if (result && 'ok' in result && result.ok) rows.push({ ok: true, id, rev: result.rev });
			else rows.push({ id, error: 'conflict', reason: 'Document update conflict.' });
		}
	}
	await recordRejections(context.store, caller.actor.username, collection, refusals, now);
	return rows;
}

/**
 * The stored version each pushed document replaces. One sent without a revision is a creation:
 * a tombstone under its id counts as nothing (as when read), and a live document there makes the
 * store answer a conflict when written — so only updates are looked up, and a device pushing new
 * check-ins costs no reads here.
 */
async function storedVersions(
	context: ServerContext,
	collection: CollectionName,
	docs: Pushed[],
	granted: ReadonlySet<string>
): Promise<(Lookup | null)[]> {
	const updates = docs.filter(isUpdate);
	const found = await lookupDocs(
		context.store,
		collection,
		updates.map((doc) => doc._id),
		granted
	);
	const byDoc = new Map(updates.map((doc, index) => [doc, found[index] ?? null]));
	return docs.map((doc) => byDoc.get(doc) ?? null);
}

/** Sent with the revision it replaces; without one, a document is a creation. */
function isUpdate(doc: Pushed): boolean {
	return typeof doc._id === 'string' && typeof doc._rev === 'string';
}

function isAccepted(outcome: Outcome | undefined): boolean {
	return outcome !== undefined && outcome !== 'stale' && outcome.ok;
}

/** The notes a kind keeps beside an accepted write, as stored documents (`_id`, no `id`). */
function serverNotes(
	collection: CollectionName,
	next: AnyDoc,
	prev: StoredDoc | null,
	now: Date
): Pushed[] {
	const before = prev && !prev._deleted ? ownFields(prev) : null;
	const notes = kindOf(collection, next)?.serverNotesOf?.(next, before, now) ?? [];
	return notes.map(({ id, ...fields }) => ({ ...fields, _id: id }));
}

/**
 * An accepted document is what later documents of the same batch read of it: a device writes a
 * joint meeting's minutes and the list items of its decisions in one action, offline, and pushes
 * them together; the items must not be judged against a store that has no minutes yet. Only
 * documents already accepted count, never refused ones; a creation under an id the store holds
 * counts not (the store refuses it).
 */
export function seeInBatch(
	related: Map<string, Record<string, unknown>>,
	collection: CollectionName,
	doc: Pushed,
	fields: AnyDoc
): void {
	const key = relatedKey({ collection, id: doc._id });
	if (doc['_deleted'] === true) related.delete(key);
	else if (isUpdate(doc) || !related.has(key)) related.set(key, fields);
}

/**
 * The order a batch is judged in: first the documents that others of the batch cite (`relatedOf`
 * in the same collection), then the rest, each group as pushed. A device pushes one write's
 * documents by id, whatever order they were written in (`li.mi.…` before `mi.…`).
 */
export function citedFirst(collection: CollectionName, fields: readonly AnyDoc[]): number[] {
	const cited = new Set(
		fields.flatMap((doc) =>
			(safely(() => kindOf(collection, doc)?.relatedOf?.(doc)) ?? [])
				.filter((ref) => ref.collection === collection)
				.map((ref) => ref.id)
		)
	);
	const indexes = fields.map((_, index) => index);
	const isCited = (index: number) => cited.has(String(fields[index]?.id));
	return [...indexes.filter(isCited), ...indexes.filter((index) => !isCited(index))];
}

/** A collection's reference from a pushed document; null when the document is too broken to name one. */
function safely<T>(read: () => T): T | null {
	try {
		return read();
	} catch {
		return null;
	}
}

/**
 * Loads the further documents the policies read (e.g. a badge's issuer key and revocation entry),
 * once per batch, whatever the caller may read: they are checked against, never sent back, and a
 * kiosk that cannot see a revocation must not pass a revoked badge for that.
 */
async function loadRelated(
	context: ServerContext,
	collection: CollectionName,
	pushed: readonly AnyDoc[]
): Promise<Map<string, Record<string, unknown>>> {
	const refs = new Map<string, SubjectRef>();
	for (const fields of pushed) {
		for (const ref of safely(() => kindOf(collection, fields)?.relatedOf?.(fields)) ?? []) {
			if (isCollectionName(ref.collection) && isValidId(ref.id)) refs.set(relatedKey(ref), ref);
		}
	}
	const byCollection = new Map<CollectionName, SubjectRef[]>();
	for (const ref of refs.values()) {
		const name = ref.collection as CollectionName;
		byCollection.set(name, [...(byCollection.get(name) ?? []), ref]);
	}
	const found = new Map<string, Record<string, unknown>>();
	// One read per collection for the whole batch: a hundred scans cite a handful of documents.
	await Promise.all(
		[...byCollection].map(async ([name, wanted]) => {
			const docs = await readStored(
				context.store,
				name,
				wanted.map((ref) => ref.id)
			);
			docs.forEach((doc, index) => {
				const ref = wanted[index];
				if (ref && doc && !doc._deleted) found.set(relatedKey(ref), ownFields(doc));
			});
		})
	);
	return found;
}

/**
 * Loads the documents a collection's policy needs to see (e.g. the report a review decides). A
 * subject the writer may not see is loaded only for a write that proves it (`provesSubject`).
 */
async function loadSubjects(
	context: ServerContext,
	collection: CollectionName,
	pushed: readonly AnyDoc[],
	granted: ReadonlySet<string>
): Promise<({ doc: StoredDoc; hidden: boolean } | null)[]> {
	return Promise.all(
		pushed.map(async (fields) => {
			const kind = safely(() => kindOf(collection, fields));
			const ref = safely(() => kind?.subjectOf?.(fields) ?? null);
			if (!ref || !isCollectionName(ref.collection) || !isValidId(ref.id)) return null;
			// A tablet pushing a hundred scans of one activity, or fifty phones at once, read it once.
			const found = await context.reads.read(ref.collection, ref.id);
			if (!found) return null;
			// Each policy gets its own copy: none may see another's changes to a shared object.
			if (canRead(granted, found['channels'])) return { doc: { ...found }, hidden: false };
			if (found._deleted || !safely(() => kind?.provesSubject?.(fields))) return null;
			return { doc: { ...found }, hidden: true };
		})
	);
}
