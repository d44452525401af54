import type { Community, Org } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, communityById, orgsWhere } from './directory';
import { observe } from './observe.svelte';

export interface StreetCommunity {
	community: Community;
	/** The branches linked to the community, of every bureau. */
	branches: Org[];
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * A street as its staff see it: the street, its communities and the branches linked to each, from
 * the directory this device holds, live. Call during component initialisation.
 */
export function observeStreetOverview(streetId: () => string) {
	const device = signedInDevice();
	const street = observe(() => communityById(device.db, streetId()), null);
	const children = observe(() => communitiesWhere(device.db, { parentId: streetId() }), []);
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch' }), []);
	const communities = $derived(
		children.current
			.filter((place) => place.kind === 'community')
			.sort(byName)
			.map((community): StreetCommunity => ({
				community,
				branches: branches.current
					.filter((branch) => branch.linkedCommunityId === community.id)
					.sort(byName)
			}))
	);
	return {
		get street(): Community | null {
			return street.current;
		},
		get communities(): StreetCommunity[] {
			return communities;
		}
	};
}
