import { HttpError } from './http-json';

/** The most changes one `_changes` page holds, and the most documents one push may carry. */
export const MAX_LIMIT = 1000;
/** The most ids one `_all_docs` request may ask for. */
export const MAX_KEYS = 1000;

export type PushedDoc = Record<string, unknown> & { _id: string };

export function badRequest(message: string): HttpError {
	return new HttpError(400, 'bad_request', message);
}

/** A whole number from the query, `fallback` when absent, and never above `max`. */
export function intParam(
	params: URLSearchParams,
	name: string,
	fallback: number,
	max: number
): number {
	const raw = params.get(name);
	if (raw === null) return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw badRequest(`${name} must be a whole number.`);
	return Math.min(value, max);
}

/** The ids of an `_all_docs` request: an array of at most MAX_KEYS strings. */
export function parseKeys(value: unknown): string[] {
	if (!Array.isArray(value) || !value.every((key) => typeof key === 'string')) {
		throw badRequest('keys must be an array of strings.');
	}
	if (value.length > MAX_KEYS) throw badRequest(`At most ${MAX_KEYS} keys.`);
	return value;
}

/**
 * The documents of a `_bulk_docs` body: at most MAX_LIMIT objects, as new edits — RxDB never
 * sends `new_edits: false`, which would let a device write any revision tree it likes.
 */
export function parsePush(body: unknown): PushedDoc[] {
	const { docs, new_edits } = (body ?? {}) as { docs?: unknown; new_edits?: unknown };
	if (
		!Array.isArray(docs) ||
		!docs.every((d) => typeof d === 'object' && d !== null && !Array.isArray(d))
	) {
		throw badRequest('docs must be an array of documents.');
	}
	if (new_edits === false) throw badRequest('new_edits=false is not supported.');
	if (docs.length > MAX_LIMIT) throw badRequest(`At most ${MAX_LIMIT} documents per request.`);
	return docs as PushedDoc[];
}
