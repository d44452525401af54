import type { Verdict, WriteContext } from '../access/write-verdict';

/** The JSON schema of a collection, in RxDB's dialect (which is JSON Schema plus a few keys). */
export interface CollectionSchema {
	title: string;
	version: number;
	primaryKey: 'id';
	type: 'object';
	properties: Record<string, unknown>;
	required: string[];
	additionalProperties: false;
	indexes?: (string | string[])[];
}

export interface SubjectRef {
	collection: string;
	id: string;
}

export interface CollectionDefinition<T extends { id: string; channels: string[] }> {
	name: string;
	schema: CollectionSchema;
	/** The channels a document belongs to: a pure function of its own fields. */
	channelsOf(doc: T): string[];
	/** The collection's own rules for a writer; null when only the server writes it. */
	policy: ((context: WriteContext<T>) => Verdict) | null;
	/** A document the policy needs to see, e.g. the report a review decides. */
	subjectOf?(doc: T): SubjectRef | null;
	/** Further documents the policy reads, e.g. the badge registry entries a check-in cites. */
	relatedOf?(doc: T): SubjectRef[];
}

/** Properties every replicated document has. */
export const baseProperties = {
	channels: {
		type: 'array',
		items: { type: 'string', maxLength: 80 },
		maxItems: 16
	}
} as const;
