import { grantsOf, hasRole, type Actor } from '../access/roles';
import type { Org } from '../directory/orgs';

/** Where a person may hold an activity: a community they staff, or a branch they lead. */
export interface ActivityScope {
	key: string;
	communityId: string;
	/** Fixed for a secretary: their branch; staff may choose one linked to the community. */
	branch: Org | null;
}

/** Community staff and branch secretaries hold activities; everyone else takes part in them. */
export function mayHoldActivities(actor: Actor): boolean {
	return hasRole(actor, 'community_staff') || hasRole(actor, 'secretary');
}

/**
 * The scopes the person may hold an activity in, as `mayOrganiseIn` allows: each community they
 * staff, and each branch they lead in its linked community (R8) — none for a branch without one.
 */
export function activityScopes(actor: Actor, orgs: readonly Org[]): ActivityScope[] {
	return [
		...grantsOf(actor.roles, 'community_staff').map((g) => ({
			key: `community:${g.communityId}`,
			communityId: g.communityId,
			branch: null
		})),
		...grantsOf(actor.roles, 'secretary').flatMap((g) => {
			const branch = orgs.find((o) => o.id === g.branchId);
			return branch?.linkedCommunityId
				? [{ key: `branch:${branch.id}`, communityId: branch.linkedCommunityId, branch }]
				: [];
		})
	];
}

/** The branches the person leads that have no linked community yet, so hold no activities. */
export function branchesWithoutCommunity(actor: Actor, orgs: readonly Org[]): string[] {
	return grantsOf(actor.roles, 'secretary')
		.map((g) => g.branchId)
		.filter((id) => !orgs.find((o) => o.id === id)?.linkedCommunityId);
}

/** The branches staff may name as host in their community: those linked to it. */
export function hostBranchesFor(scope: ActivityScope | undefined, orgs: readonly Org[]): Org[] {
	return scope && !scope.branch
		? orgs.filter((o) => o.kind === 'branch' && o.linkedCommunityId === scope.communityId)
		: [];
}

/** The host branch: a secretary's own, or the one staff chose among `choices` (none by default). */
export function hostOf(
	scope: ActivityScope | undefined,
	choices: readonly Org[],
	chosenId: string
): Org | null {
	return scope?.branch ?? choices.find((b) => b.id === chosenId) ?? null;
}
