import type { Actor } from '../domain/access/roles';
import { provideDevice, signedInDevice, type DeviceState } from './device-context.svelte';
import type { SessionInfo } from './session-client';
import type { SyncStatus } from './sync-status';

/**
 * What a screen knows of the signed-in device. `session` and `actor` may be read only below
 * `<SignedIn>`, which shows its content once someone is signed in and their replica is open.
 */
export interface SignedIn {
	readonly ready: boolean;
	readonly session: SessionInfo;
	readonly actor: Actor;
	readonly status: SyncStatus;
}

/** Called once, by the root layout, with the app's `device`. */
export function setSignedIn(state: DeviceState): void {
	provideDevice(state);
}

/** The signed-in device as a screen sees it; call during component initialisation. */
export function getSignedIn(): SignedIn {
	const device = signedInDevice();
	// A view without the database: screens reach data only through the feature modules.
	return {
		get ready() {
			return device.ready;
		},
		get session() {
			return device.session;
		},
		get actor() {
			return device.actor;
		},
		get status() {
			return device.status;
		}
	};
}
