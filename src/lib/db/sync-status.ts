/** What every screen shows about sync (principle 10: nobody should wonder whether work was saved). */
export interface SyncStatus {
	/** The last request to the server got an answer. */
	online: boolean;
	/** False once the server answered 401: sync waits until the same person signs in again. */
	signedIn: boolean;
	/** Pushing or pulling right now. */
	active: boolean;
	/** Local changes not yet accepted by the server. */
	pending: number;
	lastSyncedAt: Date | null;
	lastError: string | null;
}

export const initialSyncStatus: SyncStatus = {
	online: true,
	signedIn: true,
	active: false,
	pending: 0,
	lastSyncedAt: null,
	lastError: null
};
