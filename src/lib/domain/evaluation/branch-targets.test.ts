import { describe, expect, it } from 'vitest';
import type { BranchYearSummary } from './branch-year';
import type { BureauYearSummary } from './bureau-year';
import { branchTargets } from './branch-targets';

const coverage = (members: number) => ({
	members,
	reported: 0,
	confirmed: 0,
	waiting: 0,
	returned: 0,
	notReported: members
});

function branchYear(branchId: string, members: number, extra: object = {}): BranchYearSummary {
	return {
		id: `branch-year.${branchId}.2026`,
		kind: 'branch-year',
		branchId,
		orgId: 'o1',
		year: 2026,
		coverage: coverage(members),
		membersBehind: 0,
		serviceMinutes: 0,
		duties: [],
		updatedAt: '2026-11-30T00:00:00.000Z',
		channels: [],
		...extra
	};
}

const bureauYear: BureauYearSummary & { effective: number; grades: object } = {
	id: 'bureau-year.o1.2026',
	kind: 'bureau-year',
	orgId: 'o1',
	year: 2026,
	coverage: coverage(30),
	branches: 2,
	membersBehind: 0,
	serviceMinutes: 0,
	updatedAt: '2026-11-30T00:00:00.000Z',
	channels: [],
	effective: 12,
	grades: { good: 3, fairlyGood: 6, average: 15, poor: 6 }
};

describe('branchTargets', () => {
	const branches = [
		{ id: 'b1', name: '甲支部' },
		{ id: 'b2', name: '乙支部' }
	];

	it('gives each branch its effective rate and share 较好 or better, lowest rate first', () => {
		const { branches: rows, bureau } = branchTargets(
			[...branches, { id: 'b3', name: '丙支部' }],
			[
				branchYear('b3', 10, {
					effective: 5,
					grades: { good: 1, fairlyGood: 4, average: 5, poor: 0 }
				}),
				branchYear('b1', 10, {
					effective: 9,
					grades: { good: 2, fairlyGood: 6, average: 2, poor: 0 }
				}),
				branchYear('b2', 20, {
					effective: 3,
					grades: { good: 1, fairlyGood: 0, average: 13, poor: 6 }
				})
			],
			bureauYear
		);
		expect(rows.map((r) => [r.id, r.effective, r.effectiveRate, r.fairlyGoodOrBetter])).toEqual([
			['b2', 3, 0.15, 0.05],
			['b3', 5, 0.5, 0.5],
			['b1', 9, 0.9, 0.8]
		]);
		expect(bureau).toMatchObject({ members: 30, effective: 12, effectiveRate: 0.4 });
		expect(bureau?.fairlyGoodOrBetter).toBeCloseTo(0.3);
	});

	it('leaves the figures empty for summaries stored before points, and skips unknown branches', () => {
		const { branches: rows, bureau } = branchTargets(
			branches,
			[branchYear('b1', 10), branchYear('b9', 5, { effective: 5 })],
			null
		);
		expect(rows).toEqual([
			{
				id: 'b1',
				name: '甲支部',
				members: 10,
				effective: null,
				effectiveRate: null,
				grades: null,
				fairlyGoodOrBetter: null
			}
		]);
		expect(bureau).toBeNull();
	});

	it('has no rate for a branch without members', () => {
		const { branches: rows } = branchTargets(
			branches,
			[
				branchYear('b1', 0, {
					effective: 0,
					grades: { good: 0, fairlyGood: 0, average: 0, poor: 0 }
				})
			],
			null
		);
		expect(rows[0]).toMatchObject({ effectiveRate: null, fairlyGoodOrBetter: null });
	});
});
