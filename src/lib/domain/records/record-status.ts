import { reviewId, type Review } from '../reporting/reviews';
import { approvalId, type Approval } from './approvals';
import type { Correction } from './corrections';
import { confirmationPath, correctionNeedsReview, type ConfirmationPath } from './confirmation';
import { recordValues, type RecordValues, type ServiceRecord } from './service-record';

/**
 * Where a record stands, derived from the documents about its current submission:
 * `flagged` 需核实 waits for the organiser; `needs-confirmation` for the community's review (own
 * records, unless the member's branch ran the activity); `needs-approval` for the secretary;
 * `approved` once both stand (or the secretary's alone where the community's step is skipped or
 * done by the source); `returned` by either, with the reason; `withdrawn` no longer service.
 * A returned decision of either side wins over a confirmation of the other.
 */
export type RecordState =
	'flagged' | 'needs-confirmation' | 'needs-approval' | 'approved' | 'returned' | 'withdrawn';

export { confirmationPath, correctionNeedsReview, type ConfirmationPath } from './confirmation';

export interface Returned {
	by: 'community' | 'secretary';
	reviewer: string;
	reason: string;
	at: string;
}

export interface CorrectionView {
	correction: Correction;
	state: Exclude<RecordState, 'flagged' | 'withdrawn'>;
	returned?: Returned;
}

export interface RecordView {
	record: ServiceRecord;
	/** The values that count: the record's, or those of its approved correction. */
	effective: Pick<RecordValues, 'at' | 'minutes' | 'description' | 'communityId'>;
	state: RecordState;
	confirmation: ConfirmationPath;
	returned?: Returned;
	/** The secretary's approval of the current submission, when approved. */
	approval?: Approval;
	/** The record's correction, if the member asked for one. */
	correction?: CorrectionView;
}

/** The documents a set of views is made from (any superset: others' are ignored). */
export interface RecordDocs {
	records: readonly ServiceRecord[];
	corrections: readonly Correction[];
	/** The community's reviews (kind-less `review` docs) of records and corrections. */
	reviews: readonly Review[];
	approvals: readonly Approval[];
}

/** Instants may carry any zone: compare the times, not the text. */
function timeOrder(a: string, b: string): number {
	return Date.parse(a) - Date.parse(b);
}

interface Decisions {
	reviews: ReadonlyMap<string, Review>;
	approvals: ReadonlyMap<string, Approval>;
}

function decisionsOf(docs: RecordDocs): Decisions {
	return {
		reviews: new Map(docs.reviews.map((review) => [review.id, review])),
		approvals: new Map(docs.approvals.map((approval) => [approval.id, approval]))
	};
}

function returnedBy(decision: Review | Approval): Returned {
	return 'approver' in decision
		? {
				by: 'secretary',
				reviewer: decision.approver,
				reason: decision.reason ?? '',
				at: decision.decidedAt
			}
		: {
				by: 'community',
				reviewer: decision.reviewer,
				reason: decision.reason ?? '',
				at: decision.decidedAt
			};
}

interface Standing {
	state: 'needs-confirmation' | 'needs-approval' | 'approved' | 'returned';
	returned?: Returned;
	approval?: Approval;
}

/**
 * Where one submission stands: a return by either side wins (the earlier one is shown), else
 * it counts once the community's step (when it needs one) and the secretary's approval stand.
 */
function standingOf(
	subjectId: string,
	submission: number,
	needsReview: boolean,
	decisions: Decisions
): Standing {
	const review = needsReview ? decisions.reviews.get(reviewId(subjectId, submission)) : undefined;
	const approval = decisions.approvals.get(approvalId(subjectId, submission));
	const returns = [review, approval]
		.filter((d): d is Review | Approval => d?.decision === 'returned')
		.sort((a, b) => timeOrder(a.decidedAt, b.decidedAt));
	if (returns[0]) return { state: 'returned', returned: returnedBy(returns[0]) };
	if (needsReview && review?.decision !== 'confirmed') return { state: 'needs-confirmation' };
	if (approval?.decision !== 'approved') return { state: 'needs-approval' };
	return { state: 'approved', approval };
}

function correctionView(
	record: ServiceRecord,
	correction: Correction,
	decisions: Decisions
): CorrectionView {
	const standing = standingOf(
		correction.id,
		correction.submission,
		correctionNeedsReview(record),
		decisions
	);
	return {
		correction,
		state: standing.state,
		...(standing.returned ? { returned: standing.returned } : {})
	};
}

function recordView(
	record: ServiceRecord,
	correction: Correction | undefined,
	decisions: Decisions
): RecordView {
	const confirmation = confirmationPath(record);
	const correctionState = correction ? correctionView(record, correction, decisions) : undefined;
	const effective = {
		...recordValues(record),
		...(correctionState?.state === 'approved' ? correction?.asked : {})
	};
	const base = {
		record,
		effective,
		confirmation,
		...(correctionState ? { correction: correctionState } : {})
	};
	if (record.withdrawn) return { ...base, state: 'withdrawn' };
	if (record.flagged) return { ...base, state: 'flagged' };
	const standing = standingOf(record.id, record.submission, confirmation === 'review', decisions);
	return {
		...base,
		state: standing.state,
		...(standing.returned ? { returned: standing.returned } : {}),
		...(standing.approval ? { approval: standing.approval } : {})
	};
}

/** One view per record, newest service first. */
export function recordViews(docs: RecordDocs): RecordView[] {
	const decisions = decisionsOf(docs);
	const correctionOf = new Map(docs.corrections.map((c) => [c.recordId, c]));
	return docs.records
		.map((record) => recordView(record, correctionOf.get(record.id), decisions))
		.sort(
			(a, b) => timeOrder(b.effective.at, a.effective.at) || a.record.id.localeCompare(b.record.id)
		);
}

/** Whether a record counts: approved, its values (or its approved correction's) the effective ones. */
export function isCounted(view: RecordView): boolean {
	return view.state === 'approved';
}

/** A step of a record's history: the trail, resolutions, reviews, approvals, corrections, in time order. */
export interface HistoryStep {
	at: string;
	by: string;
	what:
		| TrailEntryChange
		| 'confirmed'
		| 'returned-by-community'
		| 'approved'
		| 'returned-by-secretary'
		| 'correction-asked'
		| 'correction-confirmed'
		| 'correction-returned'
		| 'correction-approved';
	before?: Partial<RecordValues>;
	after?: Partial<RecordValues>;
	reason?: string;
	submission?: number;
}
type TrailEntryChange = ServiceRecord['trail'][number]['change'];

function trailSteps(record: ServiceRecord): HistoryStep[] {
	// Each entry keeps the values before it; those after it are the next entry's before, or now's.
	let after: Partial<RecordValues> = recordValues(record);
	const steps: HistoryStep[] = [];
	for (const entry of [...record.trail].reverse()) {
		const before = entry.before;
		const changed = before
			? Object.fromEntries(
					Object.keys(before).map((field) => [field, after[field as keyof RecordValues]])
				)
			: undefined;
		steps.push({
			at: entry.at,
			by: entry.by,
			what: entry.change,
			...(before && Object.keys(before).length ? { before, after: changed } : {}),
			...(entry.reason ? { reason: entry.reason } : {})
		});
		after = { ...after, ...before };
	}
	return steps.reverse();
}

function decisionStep(
	decision: Review | Approval,
	what: {
		confirmed: HistoryStep['what'];
		approved: HistoryStep['what'];
		returned: HistoryStep['what'];
	}
): HistoryStep {
	return {
		at: decision.decidedAt,
		by: 'approver' in decision ? decision.approver : decision.reviewer,
		what: what[decision.decision],
		submission: decision.subjectSubmission,
		...(decision.reason ? { reason: decision.reason } : {})
	};
}

const RECORD_DECISIONS = {
	confirmed: 'confirmed',
	approved: 'approved',
	returned: 'returned-by-community'
} as const;
const CORRECTION_DECISIONS = {
	confirmed: 'correction-confirmed',
	approved: 'correction-approved',
	returned: 'correction-returned'
} as const;

function decisionsAbout(subjectId: string, docs: RecordDocs): (Review | Approval)[] {
	return [
		...docs.reviews.filter((review) => review.subjectId === subjectId),
		...docs.approvals.filter((approval) => approval.subjectId === subjectId)
	];
}

/** A step of a record's history: the trail, resolutions, reviews, approvals, corrections, in time order. */
export function recordHistory(view: RecordView, docs: RecordDocs): HistoryStep[] {
	const record = view.record;
	const steps = trailSteps(record);
	for (const decision of decisionsAbout(record.id, docs)) {
		steps.push(
			decisionStep(
				decision,
				'approver' in decision
					? { ...RECORD_DECISIONS, returned: 'returned-by-secretary' }
					: RECORD_DECISIONS
			)
		);
	}
	const correction = view.correction?.correction;
	if (correction) {
		const values = recordValues(record);
		steps.push({
			at: correction.submittedAt,
			by: correction.memberName,
			what: 'correction-asked',
			before: Object.fromEntries(
				Object.keys(correction.asked).map((field) => [field, values[field as keyof RecordValues]])
			),
			after: correction.asked,
			reason: correction.reason,
			submission: correction.submission
		});
		for (const decision of decisionsAbout(correction.id, docs)) {
			steps.push(decisionStep(decision, CORRECTION_DECISIONS));
		}
	}
	return steps
		.map((step, index) => ({ step, index }))
		.sort((a, b) => timeOrder(a.step.at, b.step.at) || a.index - b.index)
		.map(({ step }) => step);
}
