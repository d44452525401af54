import type { Claim } from './claim-record';
import type { ItemTally } from './item-tallies';
import type { ServiceItem } from './service-items';

/** A resident's need nobody took within this many days is shown to the community's staff first. */
export const NEED_WAIT_DAYS = 7;
const DAY_MS = 24 * 3_600_000;

/** Whether anyone took the item: a claim the device holds, or a place the server counted. */
export function isClaimed(
	item: Pick<ServiceItem, 'id'>,
	claims: readonly Pick<Claim, 'itemId' | 'state'>[],
	tally: Pick<ItemTally, 'tallies'> | undefined
): boolean {
	return (
		claims.some((c) => c.itemId === item.id && c.state !== 'cancelled') ||
		(tally?.tallies.some((t) => t.held + t.waiting > 0) ?? false)
	);
}

/** An open need published more than `NEED_WAIT_DAYS` days ago that nobody has claimed. */
export function waitsTooLong(
	item: Pick<ServiceItem, 'id' | 'kind' | 'state' | 'createdAt'>,
	claims: readonly Pick<Claim, 'itemId' | 'state'>[],
	tally: Pick<ItemTally, 'tallies'> | undefined,
	now: Date
): boolean {
	return (
		item.kind === 'need' &&
		item.state === 'open' &&
		now.getTime() - Date.parse(item.createdAt) > NEED_WAIT_DAYS * DAY_MS &&
		!isClaimed(item, claims, tally)
	);
}

/** Whole days an item has waited since it was published. */
export function daysWaiting(item: Pick<ServiceItem, 'createdAt'>, now: Date): number {
	return Math.floor((now.getTime() - Date.parse(item.createdAt)) / DAY_MS);
}
