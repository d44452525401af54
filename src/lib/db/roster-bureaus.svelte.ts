import { grantsOf, type RoleGrant } from '../domain/access/roles';
import type { Org } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';
import { orgsWhere } from './directory';
import { observe } from './observe.svelte';

export interface RosterBureau {
	id: string;
	/** The directory's name; the id until the directory on the device has the bureau. */
	name: string;
}

/** Bureaus whose roster the signed-in person may import: every bureau for the admin, else those they are office of. */
export function rosterBureaus(roles: readonly RoleGrant[], known: Org[]): RosterBureau[] {
	if (roles.some((grant) => grant.role === 'admin')) {
		return known
			.map((org) => ({ id: org.id, name: org.name }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
	}
	return grantsOf(roles, 'office').map(({ orgId }) => ({
		id: orgId,
		name: known.find((org) => org.id === orgId)?.name ?? orgId
	}));
}

/** The bureaus the signed-in person may import for, live from the replica's directory. */
export function observeRosterBureaus(): { readonly current: RosterBureau[] } {
	const device = signedInDevice();
	const bureaus = observe(() => orgsWhere(device.db, { kind: 'bureau' }), []);
	const choices = $derived(rosterBureaus(device.actor.roles, bureaus.current));
	return {
		get current() {
			return choices;
		}
	};
}
