import { removeRxDatabase } from 'rxdb';
import { sameChannels } from '../domain/access/channels';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { databaseNameFor } from './database';
import { deleteEvidenceCache } from './evidence-cache';
import { deleteEvidenceOutbox } from './evidence-outbox';
import { indexedOutbox, startEvidenceUploads, stopEvidenceUploads } from './evidence-upload';
import { deleteIndexedDatabases } from './indexeddb-cleanup';
import { deleteKeptRecords } from './kept-records';
import { Replica } from './replica';
import { currentSession, signIn, signOut, SignInError, type SessionInfo } from './session-client';
import { initialSyncStatus, type SyncStatus } from './sync-status';

const SESSION_KEY = 'baodao.session';
const serverUrl = () => globalThis.location.origin;
/**
 * The browser says `online` when an interface is up, often a moment before requests get through;
 * until the server answers it is asked again after 1, 2, 4, 8 and 16 s, then left to the poll.
 */
const FIRST_RECONNECT_MS = 1_000;
const LAST_RECONNECT_MS = 16_000;

/**
 * This device: who is signed in and their replica. The session is remembered locally so the app
 * opens offline with the last user's data; signing out, or another person signing in, deletes it.
 */
class Device {
	session = $state<SessionInfo | null>(null);
	status = $state<SyncStatus>(initialSyncStatus);
	booted = $state(false);
	replica = $state.raw<Replica | null>(null);
	/** Why the last session ended without a sign-out, for the login screen; cleared on sign-in. */
	endedBecause = $state<'deactivated' | null>(null);
	private unsubscribe: (() => void) | undefined;
	private resuming: Promise<boolean> | null = null;
	private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
	private reconnectMs = FIRST_RECONNECT_MS;
	/** Set while signing out: nothing may start syncing the replica being deleted. */
	private signingOut = false;

	async boot(): Promise<void> {
		if (this.booted) return;
		const remembered = globalThis.localStorage.getItem(SESSION_KEY);
		if (remembered) {
			this.session = JSON.parse(remembered) as SessionInfo;
			await this.openReplica(this.session.user.username);
			await (this.resuming = this.resume().finally(() => (this.resuming = null)));
		}
		globalThis.addEventListener('online', () => void this.reconnect());
		globalThis.addEventListener('offline', () => {
			clearTimeout(this.reconnectTimer);
			this.replica?.setOnline(false);
		});
		// Coming back to the app: catch up, and notice roles the office changed meanwhile.
		globalThis.addEventListener('focus', () => void this.reconnect());
		// Leaving it: a hidden page may be frozen or discarded any moment, so what waits goes now.
		globalThis.document.addEventListener('visibilitychange', () => {
			if (globalThis.document.visibilityState === 'hidden') this.pushBeforeLeaving();
			else void this.reconnect();
		});
		globalThis.addEventListener('pagehide', () => this.pushBeforeLeaving());
		this.booted = true;
	}

	/**
	 * The network is back, or the person is: pushes what waits at once — before the session is
	 * asked for and anything is pulled — then catches up; tries again soon while unreachable.
	 */
	private async reconnect(): Promise<void> {
		clearTimeout(this.reconnectTimer);
		const replica = this.replica;
		if (!replica || this.signingOut) return;
		void replica.pushWaiting();
		// A resume under way may have asked before what brought this about (a deactivation, a
		// role change): once it ends, the server is asked again.
		await this.resuming?.catch(() => false);
		const reached = await (this.resuming ??= this.resume(false).finally(
			() => (this.resuming = null)
		));
		if (reached || !globalThis.navigator.onLine || this.reconnectMs > LAST_RECONNECT_MS) {
			this.reconnectMs = FIRST_RECONNECT_MS;
			return;
		}
		this.reconnectTimer = setTimeout(() => void this.reconnect(), this.reconnectMs);
		this.reconnectMs *= 2;
	}

	private pushBeforeLeaving() {
		void this.replica?.pushWaiting({ leaving: true });
	}

	/**
	 * Asks the server who is signed in and syncs; offline, the replica stays usable as it is.
	 * With `restart` false, a running sync whose channels are unchanged only catches up.
	 * Resolves whether the server answered.
	 */
	async resume(restart = true): Promise<boolean> {
		const replica = this.replica;
		if (!replica || this.signingOut) return false;
		let session: SessionInfo | null | 'deactivated';
		try {
			session = await currentSession({ serverUrl: serverUrl() });
		} catch {
			replica.setOnline(false);
			return false;
		}
		if (session === 'deactivated') {
			await this.endDeactivated(replica.username);
			return true;
		}
		if (!session || session.user.username !== replica.username) {
			await replica.sessionEnded();
			return true;
		}
		const unchanged = sameChannels(session.channels, this.session?.channels ?? []);
		this.remember(session);
		if (!restart && unchanged && replica.running) await replica.syncNow().catch(() => undefined);
		else await replica.start(session.channels);
		return true;
	}

	/**
	 * The account was deactivated: its data leaves this device as at a sign-out, and the login
	 * screen says why. Called from within `resume`, so it does not wait for a resume to finish.
	 */
	private async endDeactivated(username: string): Promise<void> {
		this.signingOut = true;
		try {
			await this.replica?.stop();
			await this.wipe(username);
			this.endedBecause = 'deactivated';
		} finally {
			this.signingOut = false;
		}
	}

	async signIn(username: string, password: string): Promise<void> {
		await this.signedInWith(await signIn({ serverUrl: serverUrl() }, username, password));
	}

	/** Signs this device in with a session the server already opened (sign-in or activation). */
	async signedInWith(session: SessionInfo): Promise<void> {
		this.endedBecause = null;
		const previous = this.replica?.username ?? this.session?.user.username;
		if (previous && previous !== session.user.username) await this.wipe(previous);
		this.remember(session);
		if (!this.replica) await this.openReplica(session.user.username);
		await this.replica?.start(session.channels);
	}

	async signOut(): Promise<void> {
		// Stopped first, once a resume under way has started what it starts: a round still running
		// when the session ends meets 401s and holds the wipe up behind its retries.
		this.signingOut = true;
		try {
			await this.resuming?.catch(() => undefined);
			await this.replica?.stop();
			await signOut({ serverUrl: serverUrl() }).catch(() => undefined);
			const username = this.replica?.username ?? this.session?.user.username;
			if (username) await this.wipe(username);
		} finally {
			this.signingOut = false;
		}
	}

	private remember(session: SessionInfo) {
		this.session = session;
		globalThis.localStorage.setItem(SESSION_KEY, JSON.stringify(session));
	}

	private async openReplica(username: string) {
		const replica = await Replica.open({
			username,
			serverUrl: serverUrl(),
			storage: getRxStorageDexie(),
			multiInstance: true
		});
		const subscription = replica.status$.subscribe((status) => {
			const lost = this.status.signedIn && !status.signedIn;
			this.status = status;
			// The server refused the session mid-sync: ask why at once, so that a deactivated
			// account's data leaves the device now rather than at the next focus.
			if (lost) void this.reconnect();
		});
		if (!globalThis.navigator.onLine) replica.setOnline(false);
		this.unsubscribe = () => subscription.unsubscribe();
		this.replica = replica;
		startEvidenceUploads({
			serverUrl: serverUrl(),
			outbox: indexedOutbox(username),
			status$: replica.status$
		});
	}

	/** Deletes everything this device holds of a user. */
	private async wipe(username: string) {
		this.unsubscribe?.();
		stopEvidenceUploads();
		if (this.replica) await this.replica.destroy();
		else await removeRxDatabase(databaseNameFor(username), getRxStorageDexie());
		await deleteIndexedDatabases(databaseNameFor(username));
		await deleteKeptRecords(username);
		await deleteEvidenceOutbox(username);
		await deleteEvidenceCache();
		this.replica = null;
		this.session = null;
		this.status = initialSyncStatus;
		globalThis.localStorage.removeItem(SESSION_KEY);
	}
}

export const device = new Device();
export { SignInError };
