import { branchTargets, type TargetRow } from '../domain/evaluation/branch-targets';
import type { BureauYearSummary } from '../domain/registry';
import { observeBureauSummaries } from './bureau-summaries.svelte';

/**
 * R13 and R17 of every branch of a bureau this year, and the bureau's, live: the effective
 * reporting service rate and the grade distribution, from the worker's summaries (the office
 * holds summaries, not members' records).
 */
export function observeBureauTargets(orgId: () => string) {
	const summaries = observeBureauSummaries(orgId);
	const targets = $derived(
		branchTargets(summaries.branches, summaries.branchYears, summaries.bureauYear)
	);
	return {
		year: summaries.year,
		get branches(): TargetRow[] {
			return targets.branches;
		},
		get bureau(): TargetRow | null {
			return targets.bureau;
		},
		get summary(): BureauYearSummary | null {
			return summaries.bureauYear;
		}
	};
}
