import { describe, expect, it } from 'vitest';
import {
	addState,
	coverageByBranch,
	EMPTY_COVERAGE,
	rate,
	sortCoverage,
	sumCoverage,
	type BranchCoverage
} from './coverage';
import type { Report } from '../registry';
import { ReportIndex } from './member-reporting';
import {
	aBranch,
	aMember,
	confirm,
	giveBack,
	reported
} from '../../../test-data/reporting-fixtures';

describe('coverageByBranch', () => {
	const br1 = aBranch('br1', '第一支部', 'cm1');
	const br2 = aBranch('br2', '第二支部', 'cm3');
	const empty = aBranch('br3', '第三支部');
	const members = [
		aMember('a1'),
		aMember('a2'),
		aMember('a3'),
		aMember('a4', { residenceCommunityId: undefined }),
		aMember('b1', { branchId: 'br2' }),
		aMember('b2', { branchId: 'br2' })
	];
	const [a1, a2, a3, b1] = ['a1', 'a2', 'a3', 'b1'].map((id) =>
		reported(members.find((m) => m.id === id) ?? aMember(id))
	) as [Report, Report, Report, Report];
	const index = new ReportIndex([a1, a2, a3, b1], [confirm(a1), giveBack(a3), confirm(b1)]);
	const rows = coverageByBranch([br1, br2, empty], members, index);

	it("counts each branch's members by the state of their residence report", () => {
		expect(rows.find((r) => r.branch.id === 'br1')?.coverage).toEqual({
			members: 4,
			reported: 2,
			confirmed: 1,
			waiting: 1,
			returned: 1,
			notReported: 1
		});
		expect(rows.find((r) => r.branch.id === 'br2')?.coverage).toMatchObject({
			members: 2,
			reported: 1,
			confirmed: 1,
			notReported: 1
		});
		expect(rows.find((r) => r.branch.id === 'br3')?.coverage).toEqual(EMPTY_COVERAGE);
	});

	it('adds up to the bureau total, and the states add up to the members', () => {
		const total = sumCoverage(rows.map((r) => r.coverage));
		expect(total).toEqual({
			members: 6,
			reported: 3,
			confirmed: 2,
			waiting: 1,
			returned: 1,
			notReported: 2
		});
		expect(total.reported + total.returned + total.notReported).toBe(total.members);
	});

	it('leaves out the bureau itself', () => {
		const bureau = { ...aBranch('org-a', '局党委'), kind: 'bureau' as const };
		expect(coverageByBranch([bureau], members, index)).toEqual([]);
	});
});

describe('rate', () => {
	it('is a fraction, and unknown without members', () => {
		expect(rate(3, 4)).toBe(0.75);
		expect(rate(0, 4)).toBe(0);
		expect(rate(0, 0)).toBeNull();
	});
});

describe('addState', () => {
	it('counts a member without a residence community as not reported', () => {
		expect(addState(EMPTY_COVERAGE, { state: 'no-community' })).toMatchObject({
			members: 1,
			notReported: 1
		});
	});
});

describe('sortCoverage', () => {
	const row = (id: string, name: string, members: number, reported: number, confirmed: number) =>
		({
			branch: aBranch(id, name),
			coverage: { ...EMPTY_COVERAGE, members, reported, confirmed }
		}) satisfies BranchCoverage;
	const rows = [
		row('a', '乙支部', 10, 5, 1),
		row('b', '甲支部', 4, 4, 4),
		row('c', '丙支部', 0, 0, 0),
		row('d', '丁支部', 8, 2, 2)
	];
	const ids = (sorted: BranchCoverage[]) => sorted.map((r) => r.branch.id);

	it('sorts by reported rate either way, empty branches last', () => {
		expect(ids(sortCoverage(rows, 'reported', true))).toEqual(['b', 'a', 'd', 'c']);
		expect(ids(sortCoverage(rows, 'reported', false))).toEqual(['d', 'a', 'b', 'c']);
	});

	it('sorts by confirmed rate, by size and by name', () => {
		expect(ids(sortCoverage(rows, 'confirmed', false))).toEqual(['a', 'd', 'b', 'c']);
		expect(ids(sortCoverage(rows, 'members', true))).toEqual(['a', 'd', 'b', 'c']);
		expect(ids(sortCoverage(rows, 'name', false))).toHaveLength(4);
	});

	it('does not reorder its input', () => {
		sortCoverage(rows, 'reported', true);
		expect(ids(rows)).toEqual(['a', 'b', 'c', 'd']);
	});
});
