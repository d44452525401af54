/**
 * Text the store can keep. JSON may carry a lone UTF-16 surrogate (`"\ud800"`, half of an emoji cut
 * in two), which is no Unicode text: CouchDB refuses the whole request holding one ("invalid UTF-8
 * JSON"), and LevelDB would keep it. Device-supplied values are checked with these before they
 * reach the store: strings and object keys, at any depth (request bodies are depth-bounded).
 */

/** Whether every string and key in `value` is well-formed Unicode. */
export function isWellFormedValue(value: unknown): boolean {
	if (typeof value === 'string') return value.isWellFormed();
	if (Array.isArray(value)) return value.every(isWellFormedValue);
	if (typeof value === 'object' && value !== null) {
		return Object.entries(value).every(
			([key, field]) => key.isWellFormed() && isWellFormedValue(field)
		);
	}
	return true;
}

/** `value` with each lone surrogate replaced by U+FFFD, for keeping what was refused for one. */
export function wellFormedCopy<T>(value: T): T {
	if (typeof value === 'string') return value.toWellFormed() as T;
	if (Array.isArray(value)) return value.map(wellFormedCopy) as T;
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, field]) => [key.toWellFormed(), wellFormedCopy(field)])
		) as T;
	}
	return value;
}
