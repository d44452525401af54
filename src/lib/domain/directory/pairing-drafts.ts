import type { Community } from './communities';
import { LINK_HISTORY_MAX, type LinkChange, type Org } from './orgs';

/** Why the office's change of a branch's link cannot be saved; messages `pairing.problem.<problem>`. */
export type PairingProblem =
	'not-branch' | 'no-community' | 'unknown-community' | 'unchanged' | 'history-full';

/**
 * The branch with its linked community set by the office: the new link and, appended to its
 * history, who set it and when — the one shape the policy (orgs.ts) accepts.
 */
export function linkChangeOf(input: {
	branch: Org;
	communityId: string | undefined;
	communities: readonly Community[];
	/** The office account making the change. */
	by: string;
	now: Date;
}): { ok: true; org: Org } | { ok: false; problems: PairingProblem[] } {
	const { branch, communityId, communities, by, now } = input;
	const history = branch.linkHistory ?? [];
	const problems: PairingProblem[] = [];
	if (branch.kind !== 'branch') problems.push('not-branch');
	if (!communityId) problems.push('no-community');
	else if (!communities.some((c) => c.id === communityId && c.kind === 'community')) {
		problems.push('unknown-community');
	} else if (communityId === branch.linkedCommunityId) problems.push('unchanged');
	if (history.length >= LINK_HISTORY_MAX) problems.push('history-full');
	if (!communityId || problems.length > 0) return { ok: false, problems };
	const at = now.toISOString();
	const change: LinkChange = { communityId, from: at, by };
	return {
		ok: true,
		org: {
			...branch,
			linkedCommunityId: communityId,
			linkHistory: [...history, change],
			updatedAt: at
		}
	};
}

/** One change of a branch's link as the office reads it: when, by whom, from which to which. */
export interface LinkHistoryRow {
	from: string;
	by: string;
	/** The community linked before; null for the first change on record. */
	previousCommunityId: string | null;
	/** The community linked since; null when the branch was unlinked. */
	communityId: string | null;
	/** Whether this is the link in force now. */
	current: boolean;
}

/** The branch's link history, latest first. */
export function linkHistoryRows(branch: Org): LinkHistoryRow[] {
	const history = branch.linkHistory ?? [];
	return history
		.map((change, i) => ({
			from: change.from,
			by: change.by,
			previousCommunityId: i === 0 ? null : (history[i - 1]?.communityId ?? null),
			communityId: change.communityId ?? null,
			current: i === history.length - 1
		}))
		.reverse();
}
