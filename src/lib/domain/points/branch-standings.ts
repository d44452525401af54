import type { Member } from '../people/members';
import type { RiskReason } from './grade-terms';
import { risksOf, standingOf, type MemberStanding, type StandingDocs } from './member-standing';

export interface BranchStanding {
	member: Member;
	standing: MemberStanding;
	risks: RiskReason[];
}

type Doc = StandingDocs['reports'][number] & { memberId?: unknown };

/** Documents by their `memberId`, in one pass. */
function byMember<D extends Doc>(docs: readonly D[]): Map<string, D[]> {
	const index = new Map<string, D[]>();
	for (const doc of docs) {
		if (typeof doc.memberId !== 'string') continue;
		const list = index.get(doc.memberId);
		if (list) list.push(doc);
		else index.set(doc.memberId, [doc]);
	}
	return index;
}

const NONE: readonly Doc[] = [];

/**
 * Every member's standing in a branch with their at-risk reasons, by `standingOf` (the one the
 * member's phone and the worker use). The documents are indexed by member once, so each standing
 * reads only its member's: 200 members × 40 records cost one pass, not 200.
 */
export function branchStandings(
	members: readonly Member[],
	linkedCommunityId: string | undefined,
	docs: {
		reports: readonly Doc[];
		reviews: readonly Doc[];
		schemes: StandingDocs['schemes'];
		evaluations?: StandingDocs['evaluations'];
	},
	year: number,
	now: Date
): ReadonlyMap<string, BranchStanding> {
	const reports = byMember(docs.reports);
	const reviews = byMember(docs.reviews);
	const evaluations = byMember(docs.evaluations ?? []);
	const standings = new Map<string, BranchStanding>();
	for (const member of members) {
		const standing = standingOf(
			member,
			linkedCommunityId,
			{
				reports: reports.get(member.id) ?? NONE,
				reviews: reviews.get(member.id) ?? NONE,
				schemes: docs.schemes,
				evaluations: evaluations.get(member.id) ?? []
			},
			year,
			now
		);
		standings.set(member.id, { member, standing, risks: risksOf(standing) });
	}
	return standings;
}
