import type { Coverage } from './coverage';
import type { MemberReporting, ReportingState } from './member-reporting';

/** The groups a branch secretary narrows the roster to (R11), by residence report. */
export type RosterFilter = 'all' | 'not-reported' | 'returned' | 'waiting';

export const ROSTER_FILTERS: readonly RosterFilter[] = [
	'all',
	'not-reported',
	'returned',
	'waiting'
];

export function matchesFilter(residence: ReportingState, filter: RosterFilter): boolean {
	switch (filter) {
		case 'all':
			return true;
		// A member without a residence community has not reported either: both need urging.
		case 'not-reported':
			return residence.state === 'not-reported' || residence.state === 'no-community';
		case 'returned':
		case 'waiting':
			return residence.state === filter;
	}
}

export function filterRoster<T extends { reporting: MemberReporting }>(
	entries: readonly T[],
	filter: RosterFilter
): T[] {
	return entries.filter((entry) => matchesFilter(entry.reporting.residence, filter));
}

/** How many members each filter shows, read off the coverage that counts the same states. */
export function filterCounts(coverage: Coverage): Record<RosterFilter, number> {
	return {
		all: coverage.members,
		'not-reported': coverage.notReported,
		returned: coverage.returned,
		waiting: coverage.waiting
	};
}
