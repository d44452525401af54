import { WAITLIST_MAX } from './item-tallies';
import { shiftTally, type ItemTally } from './item-tallies';
import type { ServiceItem } from './service-items';

/**
 * How an item (or one shift of a post) stands for a new claim, by the server's tally as this
 * device last received it: places left, or full with room on the waiting list, or full.
 */
export type PlacesLeft =
	{ kind: 'free'; left: number } | { kind: 'waitlist'; waiting: number } | { kind: 'full' };

export function placesLeft(
	item: Pick<ServiceItem, 'places'>,
	tally: ItemTally | null,
	shift = 0
): PlacesLeft {
	const { held, waiting } = shiftTally(tally, shift);
	if (held < item.places) return { kind: 'free', left: item.places - held };
	return waiting < WAITLIST_MAX ? { kind: 'waitlist', waiting } : { kind: 'full' };
}

/** The item as a whole: free if any shift has a place, else waiting list if any has room. */
export function itemPlacesLeft(
	item: Pick<ServiceItem, 'places' | 'shifts'>,
	tally: ItemTally | null
): PlacesLeft {
	const shifts = item.shifts?.length ? item.shifts.map((_, index) => index) : [0];
	const each = shifts.map((shift) => placesLeft(item, tally, shift));
	const free = each.filter((p) => p.kind === 'free');
	if (free.length > 0) return { kind: 'free', left: free.reduce((sum, p) => sum + p.left, 0) };
	return each.find((p) => p.kind === 'waitlist') ?? { kind: 'full' };
}
