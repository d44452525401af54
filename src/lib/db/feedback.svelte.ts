import { combineLatest, map } from 'rxjs';
import { withChannels } from '../domain/access/write-policy';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import {
	feedbackOf,
	feedbackSheet,
	type FeedbackSheet,
	type Rating,
	type SheetRow
} from '../domain/feedback/feedback-sheet';
import { isApproval, type Approval } from '../domain/records/approvals';
import { isCorrection } from '../domain/records/corrections';
import { recordViews, type RecordDocs } from '../domain/records/record-status';
import { isServiceRecord } from '../domain/records/service-record';
import type { EvaluationDoc, ReportsDoc, ReviewsDoc } from '../domain/registry';
import { isReview } from '../domain/reporting/reviews';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere } from './directory';
import { LocalWriteRefused, writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';
import type { WriteOutcome } from './write-outcome';

const NO_RECORD_DOCS: RecordDocs = { records: [], corrections: [], reviews: [], approvals: [] };
const EMPTY_SHEET: FeedbackSheet = { rows: [], rated: 0 };

/**
 * A community's year-end rating sheet (R21), live from the replica: the members who served there
 * this year with the feedback given so far. Works offline: the staff's device holds the
 * community's records and its feedback.
 */
export function observeFeedbackSheet(communityId: () => string) {
	const device = signedInDevice();
	const year = shanghaiYear(currentTime());
	const records = observe(
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
	const given = observe(
		() =>
			device.db.evaluations
				.find({ selector: { kind: 'feedback', communityId: communityId(), year } })
				.$.pipe(plainDocs<EvaluationDoc>()),
		[]
	);
	const communities = observe(() => communitiesWhere(device.db), []);
	const sheet = $derived(
		records.current === NO_RECORD_DOCS && given.current.length === 0
			? EMPTY_SHEET
			: feedbackSheet(recordViews(records.current), given.current, communityId(), year)
	);
	return {
		year,
		get communityName(): string {
			return communities.current.find((c) => c.id === communityId())?.name ?? communityId();
		},
		get sheet(): FeedbackSheet {
			return sheet;
		}
	};
}

/** Saving a rating (a new feedback document or a change to one). Call during component initialisation. */
export function feedbackActions() {
	const device = signedInDevice();
	return {
		/** The screen checks `feedbackProblem` first; the write refuses what it would have said. */
		rate: (
			row: SheetRow,
			rating: Rating,
			where: { communityId: string; year: number }
		): Promise<WriteOutcome> =>
			device.write((db, actor) => {
				const draft = feedbackOf(row, rating, { ...where, by: actor.username, now: currentTime() });
				if (!draft.ok) throw new LocalWriteRefused('invalid', draft.problem);
				const next = withChannels('evaluations', { ...draft.feedback, channels: [] });
				return writeChecked(db, 'evaluations', actor, next);
			})
	};
}
