/**
 * A member's claim (认领 / 接单) of a service item, kept in the `attendance` collection. One per
 * member and item (`claimId`), written by the member only: claimed, then cancelled or marked
 * done (again after a return). Whether it holds a place is the server's word (claim-standings.ts):
 * the first claims the server accepts hold the places, the rest wait in that order.
 */
export type ClaimState = 'claimed' | 'cancelled' | 'done';

export interface ClaimDone {
	/** When the member says the service was done. */
	at: string;
	/** Time spent, in minutes. */
	minutes: number;
	note: string;
	/** Up to three photos: SHA-256 (hex) of files uploaded beside the document. */
	photos: string[];
	/** Marked done again after a return: the `at` of the returned version this one answers. */
	replaces?: string;
}

export interface Claim {
	id: string;
	kind: 'claim';
	itemId: string;
	itemKind: 'project' | 'post' | 'need' | 'micro-wish';
	communityId: string;
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
	/** The index of the post's shift taken, for a post with shifts. */
	shift?: number;
	claimedAt: string;
	state: ClaimState;
	cancelledAt?: string;
	done?: ClaimDone;
	updatedAt: string;
	channels: string[];
}

/** One claim per member and item: a second claim of the same item is the same document. */
export function claimId(itemId: string, memberId: string): string {
	return `cl.${itemId}.${memberId}`;
}

/** The prefix of every id of an item's claims and the server's notes about them. */
export function itemClaimsPrefix(itemId: string): string {
	return `cl.${itemId}.`;
}

export function isClaim(doc: { kind?: unknown }): doc is Claim {
	return doc.kind === 'claim';
}

/** Most photos of a claim marked done, and the longest a done note or a day's service is. */
export const MAX_DONE_PHOTOS = 3;
export const MAX_DONE_MINUTES = 24 * 60;
