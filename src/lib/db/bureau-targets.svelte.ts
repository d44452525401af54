import { map } from 'rxjs';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import { bureauYearId } from '../domain/evaluation/bureau-year';
import type { BranchYearSummary, BureauYearSummary, EvaluationDoc } from '../domain/registry';
import { branchTargets, type TargetRow } from '../domain/evaluation/branch-targets';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { orgsWhere } from './directory';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';

/**
 * R13 and R17 of every branch of a bureau this year, and the bureau's, live: the effective
 * reporting service rate and the grade distribution, from the worker's summaries (the office
 * holds summaries, not members' records).
 */
export function observeBureauTargets(orgId: () => string) {
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
	const targets = $derived(
		branchTargets(branches.current, branchYears.current, bureauYear.current)
	);
	return {
		year,
		get branches(): TargetRow[] {
			return targets.branches;
		},
		get bureau(): TargetRow | null {
			return targets.bureau;
		},
		get summary(): BureauYearSummary | null {
			return bureauYear.current;
		}
	};
}
