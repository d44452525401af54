import { map } from 'rxjs';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import { bureauYearId } from '../domain/evaluation/bureau-year';
import { EMPTY_COVERAGE, type BranchCoverage, type Coverage } from '../domain/reporting/coverage';
import type { BranchYearSummary, BureauYearSummary, EvaluationDoc } from '../domain/registry';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { orgsWhere } from './directory';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';

/**
 * Residence-reporting coverage of every branch of a bureau this year, and its total, live. The
 * office's device holds the server's summaries (`branch-year`, `bureau-year`), not the members'
 * reports: the figures come from the worker, computed with the same domain functions.
 */
export function observeBureauCoverage(orgId: () => string) {
	const device = signedInDevice();
	const year = shanghaiYear(currentTime());
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch', parentId: orgId() }), []);
	const branchYears = observe(
		() =>
			device.db.evaluations
				.find({ selector: { kind: 'branch-year', orgId: orgId(), year } })
				.$.pipe(
					plainDocs<EvaluationDoc>(),
					map((docs) => docs.filter((d): d is BranchYearSummary => d.kind === 'branch-year'))
				),
		[]
	);
	const bureauYear = observe(
		() =>
			device.db.evaluations.findOne(bureauYearId(orgId(), year)).$.pipe(
				plainDoc<EvaluationDoc>(),
				map((doc) => (doc?.kind === 'bureau-year' ? doc : null))
			),
		null
	);
	// A branch's name comes from the directory; a summary of a branch not held yet waits for it.
	const rows = $derived(
		branchYears.current.flatMap((summary) => {
			const branch = branches.current.find((b) => b.id === summary.branchId);
			return branch ? [{ branch, coverage: summary.coverage }] : [];
		})
	);
	return {
		year,
		/** False until the worker's summaries of the year have reached the device. */
		get ready(): boolean {
			return bureauYear.current !== null || branchYears.current.length > 0;
		},
		get rows(): BranchCoverage[] {
			return rows;
		},
		get total(): Coverage {
			return bureauYear.current?.coverage ?? EMPTY_COVERAGE;
		},
		/** The bureau's summary of the year (when it was computed, who is behind), once there. */
		get summary(): BureauYearSummary | null {
			return bureauYear.current;
		}
	};
}
