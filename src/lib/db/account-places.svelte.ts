import type { Community, Org } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgsWhere } from './directory';
import { observe } from './observe.svelte';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * The places roles are held at — bureaus, branches, streets, communities — from the directory
 * this device holds, live: to name a grant's place and to pick one. Call during component
 * initialisation.
 */
export function observeAccountPlaces() {
	const device = signedInDevice();
	const orgs = observe(() => orgsWhere(device.db), []);
	const tree = observe(() => communitiesWhere(device.db), []);
	const names = $derived(
		Object.fromEntries(
			[...orgs.current, ...tree.current].map((place) => [place.id, place.name])
		) as Record<string, string>
	);
	const bureaus = $derived(orgs.current.filter((org) => org.kind === 'bureau').sort(byName));
	const branches = $derived(orgs.current.filter((org) => org.kind === 'branch').sort(byName));
	const streets = $derived(tree.current.filter((place) => place.kind === 'street').sort(byName));
	return {
		get bureaus(): Org[] {
			return bureaus;
		},
		get branches(): Org[] {
			return branches;
		},
		get streets(): Community[] {
			return streets;
		},
		/** The whole tree: the community picker shows each community under its street. */
		get communities(): Community[] {
			return tree.current;
		},
		/** A place's name; its id while the directory does not hold it. */
		nameOf: (id: string): string => names[id] ?? id,
		bureauOfBranch: (branchId: string): string | undefined =>
			branches.find((branch) => branch.id === branchId)?.parentId
	};
}

export type AccountPlaces = ReturnType<typeof observeAccountPlaces>;
