import type { SubjectRef } from '../schema/subject-ref';
import type { Actor } from './roles';

/** Why a pushed document was refused; the device shows a message for each code. */
export const REJECT_REASONS = [
	'invalid',
	'channels',
	'not-owner',
	'immutable-field',
	'server-owned',
	'append-only',
	'forbidden',
	'subject-mismatch'
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

export function isRejectReason(value: unknown): value is RejectReason {
	return REJECT_REASONS.some((reason) => reason === value);
}

export type Verdict = { ok: true } | { ok: false; reason: RejectReason; detail?: string };

export const ACCEPT: Verdict = { ok: true };

export function reject(reason: RejectReason, detail?: string): Verdict {
	return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

export interface WriteContext<T> {
	actor: Actor;
	/** The stored version the writer replaces, or null for a new document. */
	prev: T | null;
	next: T;
	deleting: boolean;
	/** The document `next` refers to, when the collection names one (e.g. the report a review decides). */
	subject: Record<string, unknown> | null;
	/** The documents `relatedOf` names, as the writer's side holds them (null when absent). */
	related: (ref: SubjectRef) => Record<string, unknown> | null;
	/**
	 * Whether `related` sees the whole store (the gateway), or only what the writer's device holds
	 * (a document missing there may still exist).
	 */
	relatedComplete: boolean;
	/** The checker's clock: the server's on sync, the device's own before a local write. */
	now: Date;
}

/** First field among `fields` whose value differs between the two versions. */
export function changedField<T extends object>(
	prev: T,
	next: T,
	fields: readonly (keyof T)[]
): keyof T | undefined {
	return fields.find((field) => JSON.stringify(prev[field]) !== JSON.stringify(next[field]));
}
