import type { Database } from './store';

/**
 * A document by id, or null when the store says it is not there (404). Any other failure — the
 * store unreachable, a CouchDB node dying under the request — is thrown: taking it for "no such
 * document" would sign devices out or shrink their channels while the store recovers.
 */
export async function getIfExists(
	db: Database,
	id: string
): Promise<(Record<string, unknown> & { _id: string; _rev: string }) | null> {
	try {
		return await db.get(id);
	} catch (error) {
		if ((error as { status?: unknown } | null)?.status === 404) return null;
		throw error;
	}
}
