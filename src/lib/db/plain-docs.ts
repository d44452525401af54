import type { RxDocument } from 'rxdb';
import { map, type OperatorFunction } from 'rxjs';

/**
 * Query results as plain documents. RxDB documents expose their fields through getters, so a
 * spread or `JSON.stringify` of one does not give the document; the domain and the write checks
 * work on plain objects.
 */
export function plainDocs<T>(): OperatorFunction<RxDocument<T>[], T[]> {
	return map((docs) => docs.map((doc) => doc.toMutableJSON()));
}

export function plainDoc<T>(): OperatorFunction<RxDocument<T> | null, T | null> {
	return map((doc) => (doc ? doc.toMutableJSON() : null));
}

/** Query results of one kind of a collection that holds several (reports beside service records). */
export function plainDocsOfKind<T, S extends T>(
	isKind: (doc: T) => doc is S
): OperatorFunction<RxDocument<T>[], S[]> {
	return map((docs) => docs.map((doc): T => doc.toMutableJSON()).filter(isKind));
}
