import { shanghaiYear } from '../calendar/shanghai-calendar';
import type { Grade } from '../points/points-scheme';
import type { RecordView } from '../records/record-status';
import { feedbackId, feedbackProblem, isFeedback, type Feedback } from './community-feedback';

/*
 * The community's year-end rating sheet (R21): every member who served in the community this
 * year, with the feedback given so far, and the document a rating becomes.
 */

/** Service that counts as done in the community: approved, or confirmed and awaiting approval. */
const SERVED_STATES: ReadonlySet<RecordView['state']> = new Set(['approved', 'needs-approval']);

export interface SheetRow {
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
	/** Services done in the community this year. */
	services: number;
	/** Minutes of those services. */
	minutes: number;
	/** The community's feedback of the year, once given. */
	feedback: Feedback | null;
}

export interface FeedbackSheet {
	rows: SheetRow[];
	rated: number;
}

/**
 * The members who served in `communityId` in `year` (approved or confirmed service there), by
 * name, each with the community's feedback if given. Feedback on someone without such service
 * (their service since withdrawn) still shows: it was given and counts.
 */
export function feedbackSheet(
	views: readonly RecordView[],
	docs: readonly { kind?: unknown }[],
	communityId: string,
	year: number
): FeedbackSheet {
	const given = new Map(
		docs
			.filter(isFeedback)
			.filter((f) => f.communityId === communityId && f.year === year)
			.map((f) => [f.memberId, f])
	);
	const rows = new Map<string, SheetRow>();
	for (const view of views) {
		if (view.effective.communityId !== communityId || !SERVED_STATES.has(view.state)) continue;
		if (shanghaiYear(view.effective.at) !== year) continue;
		const { memberId, memberName, branchId, orgId } = view.record;
		const row = rows.get(memberId) ?? {
			memberId,
			memberName,
			branchId,
			orgId,
			services: 0,
			minutes: 0,
			feedback: given.get(memberId) ?? null
		};
		row.services += 1;
		row.minutes += view.effective.minutes;
		rows.set(memberId, row);
	}
	for (const feedback of given.values()) {
		if (rows.has(feedback.memberId)) continue;
		const { memberId, memberName, branchId, orgId } = feedback;
		rows.set(memberId, {
			memberId,
			memberName,
			branchId,
			orgId,
			services: 0,
			minutes: 0,
			feedback
		});
	}
	const sorted = [...rows.values()].sort(
		(a, b) =>
			a.memberName.localeCompare(b.memberName, 'zh-CN') || a.memberId.localeCompare(b.memberId)
	);
	return { rows: sorted, rated: sorted.filter((row) => row.feedback).length };
}

export interface Rating {
	grade: Grade;
	comment: string;
}

/**
 * The feedback document a rating of a row becomes (channels are added by the writer), or why it
 * cannot be saved yet.
 */
export function feedbackOf(
	row: Pick<SheetRow, 'memberId' | 'memberName' | 'branchId' | 'orgId'>,
	rating: Rating,
	context: { communityId: string; year: number; by: string; now: Date }
): { ok: true; feedback: Omit<Feedback, 'channels'> } | { ok: false; problem: string } {
	const comment = rating.comment.trim();
	const problem = feedbackProblem({ grade: rating.grade, comment });
	if (problem) return { ok: false, problem };
	const { communityId, year } = context;
	return {
		ok: true,
		feedback: {
			id: feedbackId(year, communityId, row.memberId),
			kind: 'feedback',
			year,
			communityId,
			memberId: row.memberId,
			memberName: row.memberName,
			branchId: row.branchId,
			orgId: row.orgId,
			grade: rating.grade,
			...(comment ? { comment } : {}),
			by: context.by,
			updatedAt: context.now.toISOString()
		}
	};
}
