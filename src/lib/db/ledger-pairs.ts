import type { Actor } from '../domain/access/roles';
import type { Community, Org } from '../domain/registry';
import { sideOf, type LedgerPair, type LedgerSide } from '../domain/ledger/ledger-pair';

/**
 * A ledger a person may open: a branch with the community the office linked it to (none yet
 * when it has not), and the side they write for; the office reads without a side.
 */
export interface LedgerChoice {
	branch: Org;
	community: Community | null;
	/** Null until the office links the branch to a community: there is no ledger to keep yet. */
	pair: LedgerPair | null;
	side: LedgerSide | null;
}

/**
 * The ledgers of the person's roles, in the directory's order (as the office's overview lists
 * them; a collation of names would put 第二 before 第一): their own branch's for a secretary, those
 * of the branches linked to their community for its staff, every branch of the bureau for the
 * office. A branch reached through two roles is listed once.
 */
export function ledgerChoices(
	actor: Actor,
	orgs: readonly Org[],
	communities: readonly Community[]
): LedgerChoice[] {
	const reaches = (branch: Org) =>
		actor.roles.some(
			(grant) =>
				(grant.role === 'secretary' && grant.branchId === branch.id) ||
				(grant.role === 'community_staff' &&
					branch.linkedCommunityId !== undefined &&
					grant.communityId === branch.linkedCommunityId) ||
				(grant.role === 'office' && grant.orgId === branch.parentId)
		);
	return orgs
		.filter((org) => org.kind === 'branch' && reaches(org))
		.map((branch): LedgerChoice => {
			const communityId = branch.linkedCommunityId;
			const pair =
				communityId && branch.parentId
					? { branchId: branch.id, communityId, orgId: branch.parentId }
					: null;
			return {
				branch,
				community: communities.find((c) => c.id === communityId) ?? null,
				pair,
				side: pair ? sideOf(actor, pair) : null
			};
		});
}

/** The ledger a page opens: the one its `?branch=` names, else the first; null when none fits. */
export function chooseLedger(
	choices: readonly LedgerChoice[],
	branchId: string | null
): LedgerChoice | null {
	if (branchId) return choices.find((choice) => choice.branch.id === branchId) ?? null;
	return choices[0] ?? null;
}
