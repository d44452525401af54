import type { Verdict, WriteContext } from '../access/write-verdict';
import type { SubjectRef } from './subject-ref';

/** The JSON schema of a kind of document, in RxDB's dialect (JSON Schema plus a few keys). */
export interface KindSchema {
	title: string;
	version: number;
	primaryKey: 'id';
	type: 'object';
	properties: Record<string, unknown>;
	required: string[];
	additionalProperties: false;
	indexes?: (string | string[])[];
}

/**
 * One kind of document: its schema, channels and write policy. A collection holds one or more
 * kinds; documents of a collection with several kinds are told apart by their `kind` field.
 */
export interface KindDefinition<T extends { id: string; channels: string[] }> {
	/** The kind's name in the registry and in labels (`kind.<name>`). */
	name: string;
	/**
	 * The values of the document's `kind` field that belong to this kind. A kind that is alone in
	 * its collection and has no such field leaves it out.
	 */
	kindValues?: readonly string[];
	schema: KindSchema;
	/** The channels a document belongs to: a pure function of its own fields. */
	channelsOf(doc: T): string[];
	/** The kind's own rules for a writer; null when only the server writes it. */
	policy: ((context: WriteContext<T>) => Verdict) | null;
	/** A document the policy needs to see, e.g. the report a review decides. */
	subjectOf?(doc: T): SubjectRef | null;
	/**
	 * True when the document carries its own proof of the subject (a signed code of it), so the
	 * writer need not be able to read the subject: a walk-in checking in with an activity's code.
	 */
	provesSubject?(doc: T): boolean;
	/** Further documents the policy reads, e.g. the badge registry entries a check-in cites. */
	relatedOf?(doc: T): SubjectRef[];
	/**
	 * Server facts to record beside an accepted write, as documents of the same collection that only
	 * the server writes (principle 4: the pushed document itself is stored exactly as sent).
	 */
	serverNotesOf?(next: T, prev: T | null, receivedAt: Date): { id: string; channels: string[] }[];
	/**
	 * The files (SHA-256 hex of blobs stored beside the documents) the document references: a file
	 * is served or accepted only for a document that names it and that the caller can read.
	 */
	filesOf?(doc: T): string[];
}

/** Properties every replicated document has. */
export const baseProperties = {
	channels: {
		type: 'array',
		items: { type: 'string', maxLength: 80 },
		maxItems: 16
	}
} as const;
