import type { ClaimReceipt } from './claim-receipts';
import type { Standing } from './claim-standings';
import type { Claim } from './claim-record';
import { isShiftOf } from './claim-lifecycle';
import { WAITLIST_MAX } from './item-tallies';
import type { ShiftTally } from './item-tallies';
import type { ServiceItem } from './service-items';

/** Where one claim stands: `position` (1-based) only while waiting. */
export interface Placement {
	standing: Standing;
	position?: number;
}

export interface ItemAllocation {
	/**
	 * The placement of every claim the server has received (it has a receipt). A claim without a
	 * receipt yet is pending: it is not placed and takes no place from anyone.
	 */
	placements: Map<string, Placement>;
	/** Held and waiting per shift (one entry, shift 0, for an item without shifts). */
	tallies: ShiftTally[];
}

/** Someone to tell: put on the waiting list (at `position`), or given a place from it. */
export type Move =
	{ claimId: string; topic: 'waiting'; position: number } | { claimId: string; topic: 'promoted' };

type AllocatedItem = Pick<ServiceItem, 'state' | 'places' | 'shifts'>;

const RELEASED: Placement = { standing: 'released' };

/**
 * Who holds the places of one item, from the claims and the server's receipts alone, so every
 * recompute (after a crash, on another process) gives the same answer. The claims the server
 * accepted first (receipts' `receivedAt`, then claim id) hold the `places` of their shift; the next
 * `WAITLIST_MAX` wait in that order; any beyond (let in by two gateways reading the same tally at
 * once) are released as full, and come back into line when it shortens. A cancelled claim, or any
 * claim of a cancelled item, is released and frees its place. A closed item keeps its places.
 */
export function allocate(
	item: AllocatedItem,
	claims: readonly Claim[],
	receipts: readonly ClaimReceipt[]
): ItemAllocation {
	const receivedAt = new Map(receipts.map((r) => [r.claimId, Date.parse(r.receivedAt)]));
	const shiftCount = Math.max(1, item.shifts?.length ?? 0);
	const lines: Claim[][] = Array.from({ length: shiftCount }, () => []);
	const placements = new Map<string, Placement>();
	for (const claim of claims) {
		if (!receivedAt.has(claim.id)) continue;
		// A shift the item does not have (the gateway refuses it) is in no line.
		if (
			item.state === 'cancelled' ||
			claim.state === 'cancelled' ||
			!isShiftOf(item, claim.shift)
		) {
			placements.set(claim.id, RELEASED);
		} else {
			lines[claim.shift ?? 0]?.push(claim);
		}
	}
	const tallies = lines.map((line, shift): ShiftTally => {
		line.sort(
			(a, b) =>
				(receivedAt.get(a.id) ?? 0) - (receivedAt.get(b.id) ?? 0) ||
				(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
		);
		const places = Math.max(0, item.places);
		line.forEach((claim, index) => {
			const position = index - places + 1;
			placements.set(
				claim.id,
				position <= 0
					? { standing: 'holding' }
					: position <= WAITLIST_MAX
						? { standing: 'waiting', position }
						: RELEASED
			);
		});
		return {
			shift,
			held: Math.min(line.length, places),
			waiting: Math.min(Math.max(0, line.length - places), WAITLIST_MAX)
		};
	});
	return { placements, tallies };
}

/**
 * Whom to tell after an allocation, given the placements stored before it: a claim that is newly
 * on the waiting list (its position), and one that now holds a place after waiting or being put
 * out of line. A first placement that holds needs no word: the standing itself says so. Moving up
 * the waiting list is not told, or every cancellation would message everyone behind it.
 */
export function movesOf(
	before: ReadonlyMap<string, Placement>,
	after: ReadonlyMap<string, Placement>
): Move[] {
	const moves: Move[] = [];
	for (const [claimId, now] of after) {
		const was = before.get(claimId)?.standing;
		if (now.standing === 'waiting' && was !== 'waiting' && now.position !== undefined) {
			moves.push({ claimId, topic: 'waiting', position: now.position });
		} else if (now.standing === 'holding' && was !== undefined && was !== 'holding') {
			moves.push({ claimId, topic: 'promoted' });
		}
	}
	return moves;
}
