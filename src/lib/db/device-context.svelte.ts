import { createContext } from 'svelte';
import type { Actor } from '../domain/access/roles';
import type { BaodaoDatabase } from './database';
import { actorOf } from './local-write';
import type { Replica } from './replica';
import type { SessionInfo } from './session-client';
import type { SyncStatus } from './sync-status';
import { attemptWrite, type WriteOutcome } from './write-outcome';

/** The device as `device` (device.svelte.ts) holds it: who is signed in, their replica, sync. */
export interface DeviceState {
	readonly session: SessionInfo | null;
	readonly replica: Replica | null;
	readonly status: SyncStatus;
}

function notSignedIn(): never {
	throw new Error('No one is signed in: read the device below <SignedIn>.');
}

/**
 * The signed-in device as the feature modules of `src/lib/db` see it. Screens get only its
 * session, actor and sync status (`signed-in-context.ts`): the database stays in `src/lib/db`.
 */
export class SignedInDevice {
	readonly #state: DeviceState;
	readonly #actor = $derived.by(() => {
		const session = this.#state.session;
		return session ? actorOf(session) : null;
	});

	constructor(state: DeviceState) {
		this.#state = state;
	}

	/** Someone is signed in and their replica is open. */
	get ready(): boolean {
		return this.#state.session !== null && this.#state.replica !== null;
	}

	get session(): SessionInfo {
		return this.#state.session ?? notSignedIn();
	}

	get actor(): Actor {
		return this.#actor ?? notSignedIn();
	}

	get status(): SyncStatus {
		return this.#state.status;
	}

	get db(): BaodaoDatabase {
		return (this.#state.replica ?? notSignedIn()).db;
	}

	/** How far this device's clock is off the server's; check-in records carry it. */
	get clockSkewMs(): number {
		return this.#state.replica?.clockSkewMs ?? 0;
	}

	/** Pushes and pulls now, e.g. to fetch what the server has just issued. */
	async syncNow(): Promise<void> {
		await this.#state.replica?.syncNow();
	}

	/** Runs a local write as the signed-in person and says what became of it. */
	write(change: (db: BaodaoDatabase, actor: Actor) => Promise<void>): Promise<WriteOutcome> {
		return attemptWrite(() => change(this.db, this.actor), this.status);
	}
}

const [getDevice, setDevice] = createContext<SignedInDevice>();

/** Makes the device available to everything below the calling component (the root layout). */
export function provideDevice(state: DeviceState): SignedInDevice {
	return setDevice(new SignedInDevice(state));
}

/** The signed-in device; call during component initialisation. */
export function signedInDevice(): SignedInDevice {
	return getDevice();
}
