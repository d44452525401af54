import { map } from 'rxjs';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import { bureauYearId } from '../domain/evaluation/bureau-year';
import type { BranchYearSummary, BureauYearSummary, EvaluationDoc, Org } from '../domain/registry';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { orgsWhere } from './directory';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';

/**
 * What the office's device holds of a bureau's year, live: its branches from the directory and the
 * worker's summaries of this year (`branch-year`, `bureau-year`) — not the members' records. The
 * office's coverage and targets are read from these.
 */
export function observeBureauSummaries(orgId: () => string) {
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
	return {
		year,
		get branches(): Org[] {
			return branches.current;
		},
		get branchYears(): BranchYearSummary[] {
			return branchYears.current;
		},
		get bureauYear(): BureauYearSummary | null {
			return bureauYear.current;
		}
	};
}
