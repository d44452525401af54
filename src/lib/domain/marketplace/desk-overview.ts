import type { ClaimDecision } from './claim-decisions';
import { currentDecision } from './claim-lifecycle';
import type { Claim } from './claim-record';
import type { ItemTally } from './item-tallies';
import { waitsTooLong } from './needs-waiting';
import { ITEM_KINDS, type ItemKind, type ItemState, type ServiceItem } from './service-items';

/** A claim marked done that the community has not yet confirmed or returned (待确认). */
export function awaitsDecision(claim: Claim, decisions: readonly ClaimDecision[]): boolean {
	return claim.state === 'done' && !!claim.done && !currentDecision(claim, decisions);
}

/** One item on the desk, with what asks for the staff's attention. */
export interface DeskEntry {
	item: ServiceItem;
	/** Claims marked done and not yet decided. */
	awaiting: number;
	/** Claims not cancelled. */
	active: number;
	/** An open need nobody took for more than a week. */
	waitingLong: boolean;
}

const STATE_ORDER: Record<ItemState, number> = { open: 0, closed: 1, cancelled: 2 };

/**
 * The community's items in the order staff work through them: those with claims to decide first,
 * then needs waiting too long, then open, closed and cancelled ones, newest first within each.
 */
export function deskEntries(
	items: readonly ServiceItem[],
	claims: readonly Claim[],
	decisions: readonly ClaimDecision[],
	tallies: readonly ItemTally[],
	now: Date
): DeskEntry[] {
	const rank = (e: DeskEntry) =>
		e.awaiting > 0 ? 0 : e.waitingLong ? 1 : 2 + STATE_ORDER[e.item.state];
	return items
		.map((item) => {
			const own = claims.filter((c) => c.itemId === item.id);
			const tally = tallies.find((t) => t.itemId === item.id);
			return {
				item,
				awaiting: own.filter((c) => awaitsDecision(c, decisions)).length,
				active: own.filter((c) => c.state !== 'cancelled').length,
				waitingLong: waitsTooLong(item, own, tally, now)
			};
		})
		.sort((a, b) => rank(a) - rank(b) || b.item.createdAt.localeCompare(a.item.createdAt));
}

export type DeskCounts = Record<ItemKind, Record<ItemState, number>>;

/** How many items of each kind are open, closed and cancelled. */
export function deskCounts(items: readonly Pick<ServiceItem, 'kind' | 'state'>[]): DeskCounts {
	const counts = Object.fromEntries(
		ITEM_KINDS.map((kind) => [kind, { open: 0, closed: 0, cancelled: 0 }])
	) as DeskCounts;
	for (const item of items) counts[item.kind][item.state] += 1;
	return counts;
}
