import { MAX_DESCRIPTION, type RecordProblem } from '../domain/records/record-drafts';
import type { RecordState } from '../domain/records/record-status';
import {
	MAX_RECORD_PHOTOS,
	type RecordValues,
	type ServiceCategory
} from '../domain/records/service-record';
import { formatDate } from './format';
import { t } from './i18n.svelte';
import type { MessageKey } from './zh-CN';

/*
 * Words for service records (the lazily loaded `records` part): the screens that show them add
 * that part in their +layout.ts.
 */

/** 2小时30分钟 · 2小时 · 45分钟: the way people say a length of service. */
export function durationText(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return t('records.duration.m', { minutes: rest });
	return rest === 0
		? t('records.duration.h', { hours })
		: t('records.duration.hm', { hours, minutes: rest });
}

export function categoryText(category: ServiceCategory): string {
	return t(`records.category.${category}`);
}

export function recordStateText(state: RecordState): string {
	return t(`records.state.${state}`);
}

const FIELD_LABELS = {
	at: 'records.field.date',
	minutes: 'records.field.time',
	description: 'records.field.description',
	communityId: 'records.field.community'
} as const satisfies Record<keyof RecordValues, MessageKey>;

/** The changes of a history step, one line each: 服务时长：2小时 → 1小时30分钟. */
export function changeLines(
	before: Partial<RecordValues> | undefined,
	after: Partial<RecordValues> | undefined,
	communityName: (id: string) => string
): string[] {
	const fields = (Object.keys(FIELD_LABELS) as (keyof RecordValues)[]).filter(
		(field) => before?.[field] !== undefined || after?.[field] !== undefined
	);
	const shown = (field: keyof RecordValues, value: string | number | undefined): string => {
		if (value === undefined) return '—';
		if (field === 'at') return formatDate(String(value));
		if (field === 'minutes') return durationText(Number(value));
		if (field === 'communityId') return communityName(String(value));
		return String(value);
	};
	return fields.map((field) =>
		t('records.history.value', {
			field: t(FIELD_LABELS[field]),
			before: shown(field, before?.[field]),
			after: shown(field, after?.[field])
		})
	);
}

/** A problem of a record's form in words; `reasonMax` is the limit of the reason asked there. */
export function recordProblemText(problem: RecordProblem, reasonMax: number): string {
	return t(`records.problem.${problem}`, {
		max:
			problem === 'description-too-long'
				? MAX_DESCRIPTION
				: problem === 'too-many-photos'
					? MAX_RECORD_PHOTOS
					: reasonMax
	});
}
