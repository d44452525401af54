import { EMPTY_COVERAGE, type BranchCoverage, type Coverage } from '../domain/reporting/coverage';
import type { BureauYearSummary } from '../domain/registry';
import { observeBureauSummaries } from './bureau-summaries.svelte';

/**
 * Residence-reporting coverage of every branch of a bureau this year, and its total, live. The
 * office's device holds the server's summaries (`branch-year`, `bureau-year`), not the members'
 * reports: the figures come from the worker, computed with the same domain functions.
 */
export function observeBureauCoverage(orgId: () => string) {
	const summaries = observeBureauSummaries(orgId);
	// A branch's name comes from the directory; a summary of a branch not held yet waits for it.
	const rows = $derived(
		summaries.branchYears.flatMap((summary) => {
			const branch = summaries.branches.find((b) => b.id === summary.branchId);
			return branch ? [{ branch, coverage: summary.coverage }] : [];
		})
	);
	return {
		year: summaries.year,
		/** False until the worker's summaries of the year have reached the device. */
		get ready(): boolean {
			return summaries.bureauYear !== null || summaries.branchYears.length > 0;
		},
		get rows(): BranchCoverage[] {
			return rows;
		},
		get total(): Coverage {
			return summaries.bureauYear?.coverage ?? EMPTY_COVERAGE;
		},
		/** The bureau's summary of the year (when it was computed, who is behind), once there. */
		get summary(): BureauYearSummary | null {
			return summaries.bureauYear;
		}
	};
}
