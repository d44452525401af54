import { describe, expect, it } from 'vitest';
import type { Report } from '../registry';
import { addState, EMPTY_COVERAGE } from './coverage';
import { ReportIndex } from './member-reporting';
import { aMember, confirm, giveBack, reported } from '../../../test-data/reporting-fixtures';
import { filterCounts, filterRoster, ROSTER_FILTERS, type RosterFilter } from './roster-filter';

describe('filterRoster', () => {
	const members = [
		aMember('m1'),
		aMember('m2'),
		aMember('m3'),
		aMember('m4'),
		aMember('m5', { residenceCommunityId: undefined })
	];
	const [r2, r3, r4] = members.slice(1, 4).map((m) => reported(m)) as [Report, Report, Report];
	const index = new ReportIndex([r2, r3, r4], [confirm(r3), giveBack(r4)]);
	const entries = members.map((member) => ({
		member,
		reporting: index.reportingOf(member, 'cm1')
	}));
	const ids = (filter: RosterFilter) => filterRoster(entries, filter).map((e) => e.member.id);

	it('keeps everybody, in order, for "all"', () => {
		expect(ids('all')).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
	});

	it('counts a member without a residence community as not reported', () => {
		expect(ids('not-reported')).toEqual(['m1', 'm5']);
	});

	it('finds returned and waiting reports by their residence state', () => {
		expect(ids('returned')).toEqual(['m4']);
		expect(ids('waiting')).toEqual(['m2']);
	});

	it('labels each filter with the number of members it shows', () => {
		const coverage = entries.reduce(
			(sum, e) => addState(sum, e.reporting.residence),
			EMPTY_COVERAGE
		);
		const counts = filterCounts(coverage);
		for (const filter of ROSTER_FILTERS) expect(counts[filter], filter).toBe(ids(filter).length);
	});
});
