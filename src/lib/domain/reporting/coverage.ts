import type { Member, Org } from '../registry';
import type { ReportIndex, ReportingState } from './member-reporting';

/** Residence-reporting coverage of a group of members (R1, R13). */
export interface Coverage {
	members: number;
	/** Submitted and not returned: waiting for the community or confirmed by it. */
	reported: number;
	confirmed: number;
	waiting: number;
	returned: number;
	/** Not reported to their current residence community, or no residence community given. */
	notReported: number;
}

export const EMPTY_COVERAGE: Coverage = {
	members: 0,
	reported: 0,
	confirmed: 0,
	waiting: 0,
	returned: 0,
	notReported: 0
};

/** Counts one member by the state of their residence report (a summary keeps only the state). */
export function addState(coverage: Coverage, residence: Pick<ReportingState, 'state'>): Coverage {
	const next = { ...coverage, members: coverage.members + 1 };
	switch (residence.state) {
		case 'confirmed':
			return { ...next, reported: next.reported + 1, confirmed: next.confirmed + 1 };
		case 'waiting':
			return { ...next, reported: next.reported + 1, waiting: next.waiting + 1 };
		case 'returned':
			return { ...next, returned: next.returned + 1 };
		case 'not-reported':
		case 'no-community':
			return { ...next, notReported: next.notReported + 1 };
	}
}

export function sumCoverage(parts: readonly Coverage[]): Coverage {
	return parts.reduce(
		(total, part) => ({
			members: total.members + part.members,
			reported: total.reported + part.reported,
			confirmed: total.confirmed + part.confirmed,
			waiting: total.waiting + part.waiting,
			returned: total.returned + part.returned,
			notReported: total.notReported + part.notReported
		}),
		EMPTY_COVERAGE
	);
}

/** A share as a fraction in [0, 1]; null when there is nobody to count, which is not 0%. */
export function rate(part: number, whole: number): number | null {
	return whole === 0 ? null : part / whole;
}

/** The bureau's target for residence reporting coverage (R13): everybody. */
export const COVERAGE_TARGET = 1;

export interface BranchCoverage {
	branch: Org;
	coverage: Coverage;
}

/** Coverage of every branch of a bureau, from the members and reports the reader can see. */
export function coverageByBranch(
	branches: readonly Org[],
	members: readonly Member[],
	index: ReportIndex
): BranchCoverage[] {
	return branches
		.filter((org) => org.kind === 'branch')
		.map((branch) => ({
			branch,
			coverage: members
				.filter((m) => m.branchId === branch.id)
				.reduce(
					(coverage, member) =>
						addState(coverage, index.reportingOf(member, branch.linkedCommunityId).residence),
					EMPTY_COVERAGE
				)
		}));
}

export type CoverageSortKey = 'name' | 'reported' | 'confirmed' | 'members';

/**
 * Rows in the order the office asked for. Rates sort branches without members last in either
 * direction: an empty branch is neither the best nor the worst.
 */
export function sortCoverage(
	rows: readonly BranchCoverage[],
	key: CoverageSortKey,
	descending: boolean
): BranchCoverage[] {
	const sign = descending ? -1 : 1;
	const valueOf = (row: BranchCoverage): number | null => {
		switch (key) {
			case 'reported':
				return rate(row.coverage.reported, row.coverage.members);
			case 'confirmed':
				return rate(row.coverage.confirmed, row.coverage.members);
			case 'members':
				return row.coverage.members;
			case 'name':
				return null;
		}
	};
	return [...rows].sort((a, b) => {
		if (key === 'name') return sign * a.branch.name.localeCompare(b.branch.name, 'zh-CN');
		const va = valueOf(a);
		const vb = valueOf(b);
		if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
		return sign * (va - vb) || a.branch.name.localeCompare(b.branch.name, 'zh-CN');
	});
}
