import { combineLatest, map } from 'rxjs';
import type { Community, EvaluationDoc, Member, Org, ReportsDoc } from '../domain/registry';
import { breachCases, type BreachCaseView } from '../domain/conduct/breach-cases';
import type { KnownMember } from '../domain/conduct/breach-drafts';
import { decisionIdOf, responseIdOf } from '../domain/conduct/breach-fields';
import { knownMembers } from '../domain/conduct/breach-members';
import { BREACH_KINDS } from '../domain/conduct/breach-status';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgsWhere } from './directory';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

/*
 * Breaches of discipline (R20) as their screens read them, live from the replica: every case the
 * person's channels bring (the member's own, the branch's, the community's, the bureau's), one
 * case with its trail, and the members a community may report. What people write is in
 * breach-actions.ts.
 */

/** Every breach case this device holds, latest first; null until the replica answers. */
export function observeBreachCases(): { readonly current: BreachCaseView[] | null } {
	const device = signedInDevice();
	return observe<BreachCaseView[] | null>(
		() =>
			device.db.evaluations.find({ selector: { kind: { $in: [...BREACH_KINDS] } } }).$.pipe(
				plainDocs<EvaluationDoc>(),
				map((docs) => breachCases(docs))
			),
		null
	);
}

/**
 * One case by its breach's id, live: undefined until the replica answers, null when this device
 * holds no such breach (never reported, withdrawn, or not the person's to see).
 */
export function observeBreachCase(breachId: () => string): {
	readonly current: BreachCaseView | null | undefined;
} {
	const device = signedInDevice();
	return observe<BreachCaseView | null | undefined>(() => {
		const id = breachId();
		return device.db.evaluations
			.findByIds([id, responseIdOf(id), decisionIdOf(id)])
			.$.pipe(
				map(
					(found) => breachCases([...found.values()].map((doc) => doc.toMutableJSON()))[0] ?? null
				)
			);
	}, undefined);
}

/** The members the community may report (breach-members.ts), live; call during init. */
export function observeKnownMembers(communityId: () => string | null): {
	readonly current: KnownMember[];
} {
	const device = signedInDevice();
	return observe<KnownMember[]>(() => {
		const community = communityId();
		if (!community) return null;
		return combineLatest([
			device.db.reports
				.find({ selector: { communityId: community } })
				.$.pipe(plainDocs<ReportsDoc>()),
			device.db.members
				.find({ selector: { residenceCommunityId: community } })
				.$.pipe(plainDocs<Member>())
		]).pipe(map(([reports, profiles]) => knownMembers(reports, community, profiles)));
	}, []);
}

/** Names of the branches, bureaus and communities a case names, as the directory holds them. */
export function observePlaceNames(): {
	org: (id: string) => string;
	community: (id: string) => string;
} {
	const device = signedInDevice();
	const orgs = observe<Org[]>(() => orgsWhere(device.db), []);
	const communities = observe<Community[]>(() => communitiesWhere(device.db), []);
	return {
		org: (id) => orgs.current.find((org) => org.id === id)?.name ?? id,
		community: (id) => communities.current.find((c) => c.id === id)?.name ?? id
	};
}
