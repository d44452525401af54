import type { Community, Org } from '../domain/registry';
import {
	linkChangeOf,
	linkHistoryRows,
	type LinkHistoryRow,
	type PairingProblem
} from '../domain/directory/pairing-drafts';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgsWhere } from './directory';
import { writeChecked } from './local-write';
import { observe } from './observe.svelte';
import type { WriteOutcome } from './write-outcome';

/** One branch of the bureau with its linked community and the history of that link. */
export interface BranchPairing {
	branch: Org;
	community: Community | null;
	history: LinkHistoryRow[];
}

/** Built whole from each query result and never changed, so a plain map. */
function communitiesById(communities: readonly Community[]): Map<string, Community> {
	return new Map(communities.map((c) => [c.id, c]));
}

/**
 * The branches of one bureau with their linked communities and link histories, and the
 * communities to choose from, live. Call during component initialisation.
 */
export function observePairing(orgId: () => string) {
	const device = signedInDevice();
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch', parentId: orgId() }), []);
	const communities = observe(() => communitiesWhere(device.db), []);
	const byId = $derived(communitiesById(communities.current));
	const rows = $derived(
		branches.current.map((branch): BranchPairing => ({
			branch,
			community: branch.linkedCommunityId ? (byId.get(branch.linkedCommunityId) ?? null) : null,
			history: linkHistoryRows(branch)
		}))
	);
	return {
		get rows(): BranchPairing[] {
			return rows;
		},
		get communities(): Community[] {
			return communities.current;
		},
		/** A community's name, or its id while the directory does not hold it. */
		nameOf: (communityId: string): string => byId.get(communityId)?.name ?? communityId
	};
}

export type LinkOutcome = WriteOutcome | { kind: 'problems'; problems: PairingProblem[] };

/** The office's change of a branch's linked community. Call during component initialisation. */
export function pairingActions() {
	const device = signedInDevice();
	return {
		setLinkedCommunity: (
			branch: Org,
			communityId: string | undefined,
			communities: readonly Community[]
		): Promise<LinkOutcome> => {
			const change = linkChangeOf({
				branch,
				communityId,
				communities,
				by: device.actor.username,
				now: currentTime()
			});
			if (!change.ok) return Promise.resolve({ kind: 'problems', problems: change.problems });
			return device.write((db, actor) => writeChecked(db, 'directory', actor, change.org));
		}
	};
}
