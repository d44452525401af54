import { map, type Observable } from 'rxjs';
import { isFeedback, type Feedback } from '../domain/feedback/community-feedback';
import type { EvaluationDoc } from '../domain/registry';
import type { BaodaoDatabase } from './database';
import { plainDocs } from './plain-docs';

/** An `evaluations` document a member's points and grade depend on: a breach, its decision, feedback. */
export type JudgingDoc = { id: string; kind?: unknown; memberId?: unknown };

const JUDGING_KINDS = ['breach', 'breach-decision', 'feedback'] as const;

/**
 * The breaches, decisions on them and communities' feedback this device holds about a member, a
 * branch's members or everyone it holds, live: what `standingOf` reads beside the records, so
 * the member's phone, the secretary's tablet and the office compute what the worker does.
 */
export function judgingDocs(
	db: BaodaoDatabase,
	where: { memberId?: string; branchId?: string } = {}
): Observable<JudgingDoc[]> {
	return db.evaluations
		.find({ selector: { kind: { $in: [...JUDGING_KINDS] }, ...where } })
		.$.pipe(plainDocs<EvaluationDoc>());
}

/** The communities' feedback on a member this device holds, live, newest year first. */
export function memberFeedback(db: BaodaoDatabase, memberId: string): Observable<Feedback[]> {
	return db.evaluations.find({ selector: { kind: 'feedback', memberId } }).$.pipe(
		plainDocs<EvaluationDoc>(),
		map((docs) =>
			docs
				.filter(isFeedback)
				.sort((a, b) => b.year - a.year || a.communityId.localeCompare(b.communityId))
		)
	);
}
