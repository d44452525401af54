import type { ListItem } from './list-items';

/** R5: each branch delivers at least three 实事好事 a year for its linked community. */
export const GOOD_DEEDS_TARGET = 3;

export interface GoodDeedTally {
	/** The branch's good deeds of the year, whatever their state. */
	items: ListItem[];
	/** Of them, those done. */
	delivered: number;
	target: typeof GOOD_DEEDS_TARGET;
	/** Fewer than three delivered: shown as behind all year until the third is done. */
	behind: boolean;
}

/**
 * A branch's good deeds of a year, from the list items it holds (any list: a good deed is an
 * item marked so). Counted per branch, not per pair: a branch relinked during the year keeps
 * what it delivered for its earlier community.
 */
export function goodDeedTally(
	items: readonly ListItem[],
	branchId: string,
	year: number
): GoodDeedTally {
	const deeds = items.filter((i) => i.goodDeed && i.branchId === branchId && i.year === year);
	const delivered = deeds.filter((item) => item.state === 'done').length;
	return {
		items: deeds,
		delivered,
		target: GOOD_DEEDS_TARGET,
		behind: delivered < GOOD_DEEDS_TARGET
	};
}
