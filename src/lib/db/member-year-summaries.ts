import { map, type Observable } from 'rxjs';
import type { EvaluationDoc, MemberYearSummary } from '../domain/registry';
import type { BaodaoDatabase } from './database';
import { plainDocs } from './plain-docs';

/** The worker's summaries of a year of a branch's members that this device holds, live. */
export function branchMemberYears(
	db: BaodaoDatabase,
	branchId: string,
	year: number
): Observable<MemberYearSummary[]> {
	return db.evaluations.find({ selector: { kind: 'member-year', branchId, year } }).$.pipe(
		plainDocs<EvaluationDoc>(),
		map((docs) => docs.filter((d): d is MemberYearSummary => d.kind === 'member-year'))
	);
}
