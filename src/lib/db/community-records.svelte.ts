import { combineLatest, map } from 'rxjs';
import type { ReportsDoc, ReviewsDoc } from '../domain/registry';
import { isApproval, type Approval } from '../domain/records/approvals';
import {
	communityConfirmations,
	type ConfirmationEntry
} from '../domain/records/community-confirmations';
import { isCorrection } from '../domain/records/corrections';
import { recordReviewOf, type ConfirmationInput } from '../domain/records/record-drafts';
import {
	recordHistory,
	recordViews,
	type HistoryStep,
	type RecordDocs,
	type RecordView
} from '../domain/records/record-status';
import { isServiceRecord } from '../domain/records/service-record';
import { isReview } from '../domain/reporting/reviews';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere } from './directory';
import { ownFields, writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';
import type { WriteOutcome } from './write-outcome';

/*
 * Service records and corrections as a community's staff confirm them (R21). Apart from the
 * report queue (community-queue.svelte.ts), which the staff's home screen loads: the record
 * views stay out of the home route.
 */

const NO_RECORD_DOCS: RecordDocs = { records: [], corrections: [], reviews: [], approvals: [] };

/**
 * The service records and corrections of one community that its staff confirm (members' own
 * records, corrections asked), with the community's decision on each, live. The secretaries'
 * approvals the device holds only complete each record's state and history.
 */
export function observeCommunityRecords(communityId: () => string) {
	const device = signedInDevice();
	const docs = observe(
		() =>
			combineLatest([
				device.db.reports
					.find({
						selector: {
							communityId: communityId(),
							kind: { $in: ['service-record', 'correction'] }
						}
					})
					.$.pipe(plainDocs<ReportsDoc>()),
				device.db.reviews
					.find({ selector: { communityId: communityId() } })
					.$.pipe(plainDocs<ReviewsDoc>())
			]).pipe(
				map(([reports, decisions]): RecordDocs => ({
					records: reports.filter(isServiceRecord),
					corrections: reports.filter(isCorrection),
					reviews: decisions.filter(isReview),
					approvals: decisions.filter((doc): doc is Approval => 'kind' in doc && isApproval(doc))
				}))
			),
		NO_RECORD_DOCS
	);
	const communities = observe(() => communitiesWhere(device.db), []);
	const views = $derived(recordViews(docs.current));
	const queue = $derived(communityConfirmations(views, docs.current.reviews, communityId()));
	return {
		communityName: (id: string): string => communities.current.find((c) => c.id === id)?.name ?? id,
		get waiting(): ConfirmationEntry[] {
			return queue.waiting;
		},
		get decided(): ConfirmationEntry[] {
			return queue.decided;
		},
		historyOf(view: RecordView): HistoryStep[] {
			return recordHistory(view, docs.current);
		}
	};
}

/** Confirming or returning a record or correction as the signed-in staff member. */
export function confirmationActions() {
	const device = signedInDevice();
	return {
		decide: (entry: ConfirmationEntry, input: ConfirmationInput): Promise<WriteOutcome> => {
			const subject = ownFields(entry.doc);
			return device.write((db, actor) =>
				writeChecked(
					db,
					'reviews',
					actor,
					recordReviewOf(subject, actor.username, input, currentTime()),
					subject
				)
			);
		}
	};
}
