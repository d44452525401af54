import { instantToShanghaiLocal } from '$lib/domain/calendar/shanghai-calendar';
import type { ItemDraft } from '$lib/domain/marketplace/item-drafts';
import type { ItemKind, ServiceItem } from '$lib/domain/marketplace/service-items';
import {
	isVocabularyCode,
	splitFreeTags,
	type VocabularyKind
} from '$lib/domain/people/profile-vocabulary';

/** A tag list split as the tag picker shows it: vocabulary codes, and the rest as typed words. */
export interface TagValues {
	codes: string[];
	other: string;
}

/** The tags the picker holds: chosen codes, then the words typed beside them. */
export function tagsOf(values: TagValues): string[] {
	return [...values.codes, ...splitFreeTags(values.other)];
}

function tagValues(kind: VocabularyKind, tags: readonly string[]): TagValues {
	return {
		codes: tags.filter((tag) => isVocabularyCode(kind, tag)),
		other: tags.filter((tag) => !isVocabularyCode(kind, tag)).join('，')
	};
}

/** Whether the kind's times are days (a post's first and last day, a deadline) or date-times. */
export function timesAreDays(kind: ItemKind): boolean {
	return kind !== 'project';
}

function timeValue(kind: ItemKind, at: string | undefined): string {
	if (!at) return '';
	const local = instantToShanghaiLocal(at);
	return timesAreDays(kind) ? local.slice(0, 10) : local;
}

/** What the item form starts with: an item's own values when editing, else plausible defaults. */
export function formValues(
	kind: ItemKind,
	item: ServiceItem | null,
	now: Date
): Omit<ItemDraft, 'skills' | 'fields'> & { skills: TagValues; fields: TagValues } {
	// A week from now, 09:00–11:00 Shanghai time: a start the publisher adjusts.
	const day = instantToShanghaiLocal(new Date(now.getTime() + 7 * 24 * 3_600_000)).slice(0, 10);
	if (!item) {
		return {
			kind,
			title: '',
			description: '',
			skills: { codes: [], other: '' },
			fields: { codes: [], other: '' },
			category: '',
			urgency: 'normal',
			startsAt: kind === 'project' ? `${day}T09:00` : kind === 'post' ? day : '',
			endsAt: kind === 'project' ? `${day}T11:00` : kind === 'micro-wish' ? day : '',
			schedule: '',
			shifts: [],
			place: '',
			places: kind === 'need' || kind === 'micro-wish' ? '1' : '',
			contactName: '',
			contactPhone: '',
			photo: null,
			budget: ''
		};
	}
	return {
		kind,
		title: item.title,
		description: item.description,
		skills: tagValues('skill', item.skills),
		fields: tagValues('profession', item.fields),
		category: item.category ?? '',
		urgency: item.urgency ?? 'normal',
		startsAt: timeValue(kind, item.startsAt),
		endsAt: timeValue(kind, item.endsAt),
		schedule: item.schedule ?? '',
		shifts: item.shifts ?? [],
		place: item.place ?? '',
		places: String(item.places),
		contactName: item.contactName ?? '',
		contactPhone: item.contactPhone ?? '',
		photo: item.photo ?? null,
		budget: item.budgetYuan === undefined ? '' : String(item.budgetYuan)
	};
}
