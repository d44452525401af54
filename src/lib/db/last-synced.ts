import { distinctUntilChanged, filter, map, type BehaviorSubject, type Subscription } from 'rxjs';
import type { BaodaoDatabase } from './database';
import type { SyncStatus } from './sync-status';

/** A local document (never replicated) holding when this replica last finished a sync. */
const LAST_SYNCED_DOC = 'last-synced';

/**
 * Carries the last sync time across reloads: a device opened offline a minute after syncing says
 * when that was, instead of "never synced". Restores it into the status, then saves each new one.
 */
export async function keepLastSynced(
	db: BaodaoDatabase,
	status$: BehaviorSubject<SyncStatus>
): Promise<Subscription> {
	const saved = await db.getLocal<{ at: string }>(LAST_SYNCED_DOC);
	const at = saved?.get('at') as string | undefined;
	const current = status$.getValue();
	if (at && current.lastSyncedAt === null) status$.next({ ...current, lastSyncedAt: new Date(at) });
	return status$
		.pipe(
			map((status) => status.lastSyncedAt?.toISOString()),
			filter((time): time is string => time !== undefined && time !== at),
			distinctUntilChanged()
		)
		.subscribe((time) => {
			// Losing one save costs only a less precise time after the next reload.
			db.upsertLocal(LAST_SYNCED_DOC, { at: time }).catch(() => undefined);
		});
}
