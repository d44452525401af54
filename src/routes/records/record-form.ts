import {
	instantToShanghaiLocal,
	shanghaiLocalToInstant
} from '$lib/domain/calendar/shanghai-calendar';
import type { OwnRecordForm } from '$lib/db/record-actions';
import type { PreparedEvidence } from '$lib/db/evidence.svelte';
import type { Activity } from '$lib/domain/events/activities';
import type { OwnCategory, RecordProblem } from '$lib/domain/records/record-drafts';
import { OWN_CATEGORIES, type ServiceRecord } from '$lib/domain/records/service-record';

/** Where on a record's form a problem is said: beside the field it is about. */
export type RecordField =
	'date' | 'community' | 'description' | 'time' | 'category' | 'photos' | 'reason' | 'asked';

const FIELD_OF: Record<RecordProblem, RecordField> = {
	'at-missing': 'date',
	'at-future': 'date',
	'at-closed-year': 'date',
	'at-other-year': 'date',
	'minutes-range': 'time',
	'description-missing': 'description',
	'description-too-long': 'description',
	'community-missing': 'community',
	category: 'category',
	'too-many-photos': 'photos',
	'reason-missing': 'reason',
	'reason-too-long': 'reason',
	'nothing-changed': 'asked'
};

/** The first problem of each field, to show beside it. */
export function problemsByField(
	problems: readonly RecordProblem[]
): Partial<Record<RecordField, RecordProblem>> {
	const byField: Partial<Record<RecordField, RecordProblem>> = {};
	for (const problem of problems) byField[FIELD_OF[problem]] ??= problem;
	return byField;
}

/** Hours and minutes as typed, in minutes; NaN when either is not a whole number ≥ 0 (empty is 0). */
export function minutesOf(hours: string, minutes: string): number {
	const read = (text: string) => (text.trim() === '' ? 0 : Number(text.trim()));
	const h = read(hours);
	const m = read(minutes);
	return Number.isInteger(h) && Number.isInteger(m) && h >= 0 && m >= 0 ? h * 60 + m : NaN;
}

/** Minutes as the form's two fields show them. */
export function splitMinutes(total: number): { hours: string; minutes: string } {
	return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}

/** A date field's value (YYYY-MM-DD) as the instant the day starts in Shanghai; null if none. */
export function dayStart(day: string): string | null {
	return shanghaiLocalToInstant(`${day}T00:00`);
}

/**
 * A date field's value with the time of day of `at` kept (a correction moves the day, not the
 * hour the service started); null if the day is none.
 */
export function sameTimeOn(day: string, at: string): string | null {
	return shanghaiLocalToInstant(`${day}T${instantToShanghaiLocal(at).slice(11)}`);
}

/** An instant as a date field's value, the Shanghai day. */
export function dayOf(at: string | Date): string {
	return instantToShanghaiLocal(at).slice(0, 10);
}

/** What the own-record form holds while the member fills it in. */
export interface OwnRecordDraft {
	day: string;
	communityId: string | undefined;
	description: string;
	hours: string;
	minutes: string;
	category: OwnCategory;
	/** Photos already on the record (a resubmission keeps them unless removed). */
	kept: string[];
	added: PreparedEvidence[];
	/** A missed check-in: the activity attended. */
	activity?: Pick<Activity, 'id' | 'hostBranchId' | 'startsAt'>;
}

export function emptyDraft(communityId: string | undefined, today: string): OwnRecordDraft {
	return {
		day: today,
		communityId,
		description: '',
		hours: '',
		minutes: '',
		category: 'service',
		kept: [],
		added: []
	};
}

/** A returned own record in the form, to change and send again. */
export function draftOf(record: ServiceRecord): OwnRecordDraft {
	return {
		day: dayOf(record.at),
		communityId: record.communityId,
		description: record.description,
		...splitMinutes(record.minutes),
		category: (OWN_CATEGORIES as readonly string[]).includes(record.category)
			? (record.category as OwnCategory)
			: 'service',
		kept: [...record.photos],
		added: [],
		...(record.activityId
			? {
					activity: {
						id: record.activityId,
						startsAt: record.at,
						...(record.hostBranchId ? { hostBranchId: record.hostBranchId } : {})
					}
				}
			: {})
	};
}

/**
 * The form as the record actions take it. A missed check-in is dated by its activity's start; a
 * day the member typed by the start of that day (Shanghai), so today is never "in the future".
 */
export function ownRecordForm(draft: OwnRecordDraft, stored?: ServiceRecord): OwnRecordForm {
	const at = draft.activity
		? draft.activity.startsAt
		: stored && dayOf(stored.at) === draft.day
			? stored.at
			: dayStart(draft.day);
	return {
		at,
		minutes: minutesOf(draft.hours, draft.minutes),
		description: draft.description,
		communityId: draft.communityId ?? '',
		category: draft.category,
		kept: draft.kept,
		added: draft.added,
		...(draft.activity
			? {
					activity: {
						id: draft.activity.id,
						...(draft.activity.hostBranchId ? { hostBranchId: draft.activity.hostBranchId } : {})
					}
				}
			: {})
	};
}
