import type { Activity } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';

/** A person the server named: who may organise, or who organises an activity. */
export interface PersonName {
	username: string;
	name: string;
}

/**
 * Names learnt from the server, kept among the replica's local documents: they show offline too,
 * and go with the replica when the person signs out.
 */
const KEPT_NAMES = 'organiser-names';

async function fetchPeople(query: Record<string, string>): Promise<PersonName[] | null> {
	const search = Object.entries(query)
		.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
		.join('&');
	try {
		const response = await fetch(`/api/organisers?${search}`, {
			credentials: 'same-origin'
		});
		if (!response.ok) return null;
		return ((await response.json()) as { people: PersonName[] }).people;
	} catch {
		return null;
	}
}

/**
 * The names of an activity's organisers, which the activity records as usernames: the device
 * holds no accounts, so they come from the server once online and are kept; until then a
 * username shows as itself (the signed-in person's own is always known). Call during component
 * initialisation.
 */
export function organiserNames(activity: () => Pick<Activity, 'id' | 'organisers'>) {
	const device = signedInDevice();
	let known = $state.raw<Record<string, string>>({});

	$effect(() => {
		const { id, organisers } = activity();
		const db = device.db;
		let current = true;
		void (async () => {
			const kept = await db.getLocal<{ names: Record<string, string> }>(KEPT_NAMES);
			const names = { ...((kept?.get('names') as Record<string, string> | undefined) ?? {}) };
			if (current) known = names;
			if (organisers.every((username) => username in names)) return;
			const people = await fetchPeople({ activity: id });
			if (!people || !current) return;
			for (const person of people) names[person.username] = person.name;
			known = { ...names };
			await db.upsertLocal(KEPT_NAMES, { names });
		})().catch(() => undefined);
		return () => {
			current = false;
		};
	});

	return {
		nameOf(username: string): string {
			const user = device.session.user;
			return username === user.username ? user.displayName : (known[username] ?? username);
		}
	};
}

/**
 * The people who may organise an activity at a place (the community's staff, the host branch's
 * secretary), from the server; null while unknown — offline, or not answered. Call during
 * component initialisation.
 */
export function organiserChoices(
	place: () => { communityId: string; hostBranchId?: string } | null
): { readonly current: PersonName[] | null } {
	let people = $state.raw<PersonName[] | null>(null);
	let attempt = $state(0);

	// Opened offline: ask again once the network is back.
	$effect(() => {
		const again = () => {
			if (people === null) attempt++;
		};
		globalThis.addEventListener('online', again);
		return () => globalThis.removeEventListener('online', again);
	});

	$effect(() => {
		const at = place();
		void attempt;
		people = null;
		if (!at) return;
		let current = true;
		const query: Record<string, string> = at.hostBranchId
			? { community: at.communityId, branch: at.hostBranchId }
			: { community: at.communityId };
		void fetchPeople(query).then((found) => {
			if (current) people = found;
		});
		return () => {
			current = false;
		};
	});

	return {
		get current() {
			return people;
		}
	};
}
