import type { Org } from '../directory/orgs';
import type { GradeCounts } from '../points/grade-terms';
import { rate } from '../reporting/coverage';
import type { BranchYearSummary } from './branch-year';
import type { BureauYearSummary } from './bureau-year';

/** What the summaries say of R13 and R17 (absent from those stored before points existed). */
interface TargetFields {
	coverage: { members: number };
	effective?: number;
	grades?: GradeCounts;
}

/** One bar of the office's charts: a branch, or the whole bureau. */
export interface TargetRow {
	id: string;
	name: string;
	members: number;
	/** Members reported and with ≥ 4 approved services in their residence community (R13). */
	effective: number | null;
	/** `effective / members`; null without members or before the worker computed it. */
	effectiveRate: number | null;
	grades: GradeCounts | null;
	/** Share of members graded 较好 or better: the target is all of them (R17). */
	fairlyGoodOrBetter: number | null;
}

function targetRow(id: string, name: string, summary: TargetFields): TargetRow {
	const members = summary.coverage.members;
	const effective = summary.effective ?? null;
	const grades = summary.grades ?? null;
	return {
		id,
		name,
		members,
		effective,
		effectiveRate: effective === null ? null : rate(effective, members),
		grades,
		fairlyGoodOrBetter: grades === null ? null : rate(grades.good + grades.fairlyGood, members)
	};
}

/**
 * The rows of the charts: each branch whose name the device holds, lowest effective rate first
 * (the branches to chase), and the bureau's own figures.
 */
export function branchTargets(
	branches: readonly Pick<Org, 'id' | 'name'>[],
	branchYears: readonly (BranchYearSummary & TargetFields)[],
	bureauYear: (BureauYearSummary & TargetFields) | null
): { branches: TargetRow[]; bureau: TargetRow | null } {
	const rows = branchYears.flatMap((summary) => {
		const branch = branches.find((b) => b.id === summary.branchId);
		return branch ? [targetRow(branch.id, branch.name, summary)] : [];
	});
	rows.sort(
		(a, b) =>
			(a.effectiveRate ?? -1) - (b.effectiveRate ?? -1) || a.name.localeCompare(b.name, 'zh-CN')
	);
	return {
		branches: rows,
		bureau: bureauYear ? targetRow(bureauYear.orgId, '', bureauYear) : null
	};
}
