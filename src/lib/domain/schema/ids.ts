/**
 * Document ids must stay URL-safe: RxDB's CouchDB plugin puts them unencoded into
 * `GET _all_docs?keys=[…]`, and CouchDB reserves ids starting with `_`.
 */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$';
const idRegExp = new RegExp(ID_PATTERN);

/**
 * Ids of things (members, branches, communities) are short, so the ids composed of them (a
 * report's, a review's) and the channels named after them stay within their own limits.
 */
export const ENTITY_ID_MAX = 40;

export function isValidId(id: unknown): id is string {
	return typeof id === 'string' && idRegExp.test(id);
}

/** JSON-schema fragment for a document id composed of other ids. */
export const compositeId = { type: 'string', pattern: ID_PATTERN, maxLength: 128 } as const;

/** JSON-schema fragment for the id of a thing, and for a reference to one. */
export const entityId = { type: 'string', pattern: ID_PATTERN, maxLength: ENTITY_ID_MAX } as const;
export const idRef = entityId;

/** ISO-8601 instant with a zone, as written by `Date.prototype.toISOString`. */
export const instant = {
	type: 'string',
	pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})$',
	maxLength: 40
} as const;
