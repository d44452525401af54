/**
 * Claims and the community's decisions on them, for the R16 tests (test fixtures; only
 * `*.test.ts` files import this). Members of branch br1 claim items of community cm2.
 */
import { claimYear } from '../lib/domain/marketplace/claim-channels';
import { claimDecisionId, type ClaimDecision } from '../lib/domain/marketplace/claim-decisions';
import { claimId, type Claim } from '../lib/domain/marketplace/claim-record';
import type { ClaimRecords } from '../lib/domain/events/yearly-duties';

/** Done at 10:00 on 10 June 2026 in Shanghai. */
export const DONE = { at: '2026-06-10T02:00:00.000Z', minutes: 90, note: '已完成', photos: [] };

export function claim(itemId: string, memberId: string, itemKind: Claim['itemKind']): Claim {
	return {
		id: claimId(itemId, memberId),
		kind: 'claim',
		itemId,
		itemKind,
		communityId: 'cm2',
		memberId,
		memberName: memberId,
		branchId: 'br1',
		orgId: 'org-a',
		claimedAt: '2026-06-01T02:00:00.000Z',
		state: 'claimed',
		updatedAt: '2026-06-01T02:00:00.000Z',
		channels: []
	};
}

export function doneClaim(
	itemId: string,
	memberId: string,
	itemKind: Claim['itemKind'],
	at = DONE.at
): Claim {
	return { ...claim(itemId, memberId, itemKind), state: 'done', done: { ...DONE, at } };
}

/** The community's decision on the claim as it is now done. */
export function decision(of: Claim, verdict: ClaimDecision['decision']): ClaimDecision {
	const doneAt = of.done?.at ?? DONE.at;
	return {
		id: claimDecisionId(of, doneAt),
		kind: 'claim-decision',
		claimId: of.id,
		itemId: of.itemId,
		memberId: of.memberId,
		communityId: of.communityId,
		branchId: of.branchId,
		year: claimYear(of),
		doneAt,
		decision: verdict,
		...(verdict === 'returned' ? { reason: '照片看不清' } : {}),
		decidedBy: 'community2',
		decidedAt: '2026-06-11T02:00:00.000Z',
		channels: []
	};
}

/** A member's claims of items of these kinds, each done and confirmed. */
export function served(memberId: string, kinds: Claim['itemKind'][]): ClaimRecords {
	const claims = kinds.map((kind, i) => doneClaim(`it-${memberId}-${i}`, memberId, kind));
	return { claims, decisions: claims.map((c) => decision(c, 'confirmed')) };
}
