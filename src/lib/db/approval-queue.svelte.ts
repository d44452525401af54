import { map } from 'rxjs';
import type { ReportsDoc, ReviewsDoc } from '../domain/registry';
import { isReview } from '../domain/reporting/reviews';
import { queueRows, type QueueRow } from '../domain/records/approval-queue';
import type { Approval } from '../domain/records/approvals';
import { isCorrection } from '../domain/records/corrections';
import {
	recordHistory,
	recordViews,
	type HistoryStep,
	type RecordDocs,
	type RecordView
} from '../domain/records/record-status';
import { isServiceRecord } from '../domain/records/service-record';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere } from './directory';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

/**
 * The documents a branch's records stand on, as this device holds them: the records and
 * corrections of the branch's members (kinds of `reports`), the communities' reviews and the
 * secretaries' approvals (kinds of `reviews`). Live.
 */
export function observeBranchRecordDocs(branchId: () => string): { readonly current: RecordDocs } {
	const device = signedInDevice();
	const reports = observe(
		() =>
			device.db.reports
				.find({
					selector: { branchId: branchId(), kind: { $in: ['service-record', 'correction'] } }
				})
				.$.pipe(
					plainDocs<ReportsDoc>(),
					map((docs) => ({
						records: docs.filter(isServiceRecord),
						corrections: docs.filter(isCorrection)
					}))
				),
		{ records: [], corrections: [] }
	);
	const reviews = observe(
		() =>
			device.db.reviews.find({ selector: { branchId: branchId() } }).$.pipe(
				plainDocs<ReviewsDoc>(),
				map((docs) => ({
					approvals: docs.filter((doc): doc is Approval => !isReview(doc)),
					reviews: docs.filter(isReview)
				}))
			),
		{ approvals: [], reviews: [] }
	);
	const docs = $derived<RecordDocs>({ ...reports.current, ...reviews.current });
	return {
		get current() {
			return docs;
		}
	};
}

/**
 * A branch's approval queue: every record and correction of its members with its state, the
 * views computed once per change of the documents (never per row), and each record's history
 * on demand. Call during component initialisation.
 */
export function observeApprovalQueue(branchId: () => string) {
	const device = signedInDevice();
	const docs = observeBranchRecordDocs(branchId);
	const communities = observe(() => communitiesWhere(device.db), []);
	const views = $derived(recordViews(docs.current));
	const rows = $derived(queueRows(views));
	return {
		get rows(): QueueRow[] {
			return rows;
		},
		communityName: (id: string): string => communities.current.find((c) => c.id === id)?.name ?? id,
		historyOf(view: RecordView): HistoryStep[] {
			return recordHistory(view, docs.current);
		}
	};
}
