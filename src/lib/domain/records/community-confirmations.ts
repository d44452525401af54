import { reviewId, type Review } from '../reporting/reviews';
import { confirmationPath, correctionNeedsReview } from './confirmation';
import type { Correction } from './corrections';
import type { RecordView } from './record-status';
import type { ServiceRecord } from './service-record';

/*
 * The community's side of service records (R21): the members' own records of service done in
 * the community, and corrections asked of records made there, which its staff confirm or return
 * before the secretary's approval counts. Pure, so the /review screen stays thin.
 */

/** One thing the community decides: an own record, or a correction asked of a record. */
export type ConfirmationEntry =
	| { subject: 'record'; id: string; view: RecordView; doc: ServiceRecord; review: Review | null }
	| { subject: 'correction'; id: string; view: RecordView; doc: Correction; review: Review | null };

/** The community's decision on the current submission of a subject, if it made one. */
function decisionOf(
	subject: { id: string; submission: number },
	held: ReadonlyMap<string, Review>
): Review | null {
	return held.get(reviewId(subject.id, subject.submission)) ?? null;
}

/**
 * What the community decides among record views: own records done in it (not withdrawn), and
 * corrections of records made in it, each with the community's decision on its current submission.
 * A subject the secretary already returned waits for the member, not for the community.
 */
export function communityConfirmations(
	views: readonly RecordView[],
	communityReviews: readonly Review[],
	communityId: string
): { waiting: ConfirmationEntry[]; decided: ConfirmationEntry[] } {
	const held = new Map(communityReviews.map((review) => [review.id, review]));
	const entries: ConfirmationEntry[] = [];
	for (const view of views) {
		const { record, correction } = view;
		if (
			record.communityId === communityId &&
			!record.withdrawn &&
			confirmationPath(record) === 'review'
		) {
			const review = decisionOf(record, held);
			if (review || view.returned?.by !== 'secretary') {
				entries.push({ subject: 'record', id: record.id, view, doc: record, review });
			}
		}
		if (
			correction &&
			correction.correction.communityId === communityId &&
			correctionNeedsReview(record)
		) {
			const doc = correction.correction;
			const review = decisionOf(doc, held);
			if (review || correction.returned?.by !== 'secretary') {
				entries.push({ subject: 'correction', id: doc.id, view, doc, review });
			}
		}
	}
	const submitted = (entry: ConfirmationEntry) => entry.doc.submittedAt;
	return {
		// Oldest first: the member who waited longest is answered first.
		waiting: entries
			.filter((entry) => entry.review === null)
			.sort((a, b) => submitted(a).localeCompare(submitted(b))),
		// Latest decision first.
		decided: entries
			.filter((entry) => entry.review !== null)
			.sort((a, b) => (b.review?.decidedAt ?? '').localeCompare(a.review?.decidedAt ?? ''))
	};
}
