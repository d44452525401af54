import type { Store } from '../../src/lib/server/store';

/**
 * The pid of the process holding the summary worker's lease (`lease.ts`: holder `<pid>-<random>`),
 * or null while none holds it or the store cannot say.
 */
export async function leaseHolderPid(store: Store): Promise<number | null> {
	const lease = await store
		.db('config')
		.get('summary-lease')
		.catch(() => null);
	return typeof lease?.['holder'] === 'string' ? Number(lease['holder'].split('-')[0]) : null;
}

/** A summary the worker wrote (`evaluations`), or null while it has not (or the store cannot say). */
export function storedSummary(store: Store, id: string) {
	return store
		.db('evaluations')
		.get(id)
		.catch(() => null);
}
