import { withChannels } from '../access/write-policy';
import { normalizeMobile, isMobile } from '../access/personal-data';
import { shanghaiLocalToInstant } from '../calendar/shanghai-calendar';
import { normalizeTags } from '../people/profile-vocabulary';
import { isNeedCategory } from './need-categories';
import {
	ITEM_KINDS,
	MAX_BUDGET_YUAN,
	MAX_ITEM_TAGS,
	MAX_PLACES,
	MAX_SHIFTS,
	type ItemKind,
	type ItemState,
	type ServiceItem,
	type Shift,
	type Urgency
} from './service-items';

/** Limits of what staff type, as the items schema holds them. */
export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const PLACE_MAX = 100;
export const SCHEDULE_MAX = 100;
export const CONTACT_NAME_MAX = 50;

/** The item form as filled in: text as typed, times as the form's Shanghai wall-time values. */
export interface ItemDraft {
	kind: ItemKind;
	title: string;
	description: string;
	/** Vocabulary codes and typed words together, as the tag picker gives them. */
	skills: readonly string[];
	fields: readonly string[];
	category: string;
	urgency: Urgency;
	/** `YYYY-MM-DDTHH:mm` or a day `YYYY-MM-DD` (read as its start), Shanghai time; '' when empty. */
	startsAt: string;
	/** Same form; a day alone is read as its last minute (a deadline "by that day"). */
	endsAt: string;
	schedule: string;
	shifts: readonly Shift[];
	place: string;
	places: string;
	contactName: string;
	contactPhone: string;
	photo: string | null;
	budget: string;
}

/** A form field that can be wrong; each has its own message on the screen. */
export type ItemField =
	| 'title'
	| 'description'
	| 'skills'
	| 'fields'
	| 'category'
	| 'startsAt'
	| 'endsAt'
	| 'schedule'
	| 'shifts'
	| 'place'
	| 'places'
	| 'contactName'
	| 'contactPhone'
	| 'photo'
	| 'budget';

export type ItemProblem =
	| 'title-required'
	| 'title-too-long'
	| 'description-required'
	| 'description-too-long'
	| 'tags-too-long'
	| 'tags-too-many'
	| 'category-required'
	| 'starts-required'
	| 'starts-past'
	| 'ends-required'
	| 'ends-before-start'
	| 'deadline-required'
	| 'deadline-past'
	| 'schedule-too-long'
	| 'shifts-invalid'
	| 'shifts-too-many'
	| 'place-required'
	| 'place-too-long'
	| 'places-invalid'
	| 'contact-too-long'
	| 'phone-invalid'
	| 'photo-required'
	| 'budget-invalid';

export type ItemProblems = Partial<Record<ItemField, ItemProblem>>;

/** What a draft sets on an item; who, where, when and its state are set by `newItem`. */
export type ItemInput = Pick<
	ServiceItem,
	'title' | 'description' | 'skills' | 'fields' | 'places'
> &
	Partial<
		Pick<
			ServiceItem,
			| 'category'
			| 'urgency'
			| 'endsAt'
			| 'schedule'
			| 'shifts'
			| 'place'
			| 'contactName'
			| 'contactPhone'
			| 'photo'
			| 'budgetYuan'
		>
	> & { startsAt: string };

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const LANDLINE_PATTERN = /^0\d{2,3}-?\d{7,8}$/;

/** A form's time value as an instant; a day alone is its first or last minute. */
function readTime(value: string, dayEnd: boolean): string | null {
	const trimmed = value.trim();
	if (DAY_PATTERN.test(trimmed)) {
		return shanghaiLocalToInstant(`${trimmed}T${dayEnd ? '23:59' : '00:00'}`);
	}
	return shanghaiLocalToInstant(trimmed);
}

/** A phone as stored: a mainland mobile's digits, or a landline with its area code. */
export function readPhone(input: string): string | null {
	const number = normalizeMobile(input.trim());
	if (isMobile(number)) return number;
	return LANDLINE_PATTERN.test(number) ? number : null;
}

function readTags(tags: readonly string[]): { tags: string[] } | { problem: ItemProblem } {
	const result = normalizeTags(tags);
	if (!result.ok)
		return { problem: result.error === 'too-long' ? 'tags-too-long' : 'tags-too-many' };
	return result.tags.length > MAX_ITEM_TAGS ? { problem: 'tags-too-many' } : { tags: result.tags };
}

export function shiftIsValid(shift: Shift): boolean {
	return (
		Number.isInteger(shift.weekday) &&
		shift.weekday >= 1 &&
		shift.weekday <= 7 &&
		CLOCK_PATTERN.test(shift.start) &&
		CLOCK_PATTERN.test(shift.end) &&
		shift.start < shift.end
	);
}

/**
 * The item a draft describes, or every problem with it, one per field in the form's order. The
 * checks are those of the schema and policy, so staff learn of a mistake while filling in the form.
 * `prev` is the item being edited: its start may then lie in the past, and a need or a
 * micro-wish keeps the time it was published.
 */
export function readItemDraft(
	draft: ItemDraft,
	now: Date,
	prev?: ServiceItem
): { ok: true; input: ItemInput } | { ok: false; problems: ItemProblems } {
	const problems: ItemProblems = {};
	const { kind } = draft;
	const scheduled = kind === 'project' || kind === 'post';
	const forResident = kind === 'need' || kind === 'micro-wish';

	const title = draft.title.trim();
	if (!title) problems.title = 'title-required';
	else if (title.length > TITLE_MAX) problems.title = 'title-too-long';

	const description = draft.description.trim();
	if (!description) problems.description = 'description-required';
	else if (description.length > DESCRIPTION_MAX) problems.description = 'description-too-long';

	const skills = readTags(draft.skills);
	if ('problem' in skills) problems.skills = skills.problem;
	const fields = readTags(draft.fields);
	if ('problem' in fields) problems.fields = fields.problem;

	const category = draft.category.trim();
	if (kind === 'need' && !isNeedCategory(category)) problems.category = 'category-required';

	let startsAt: string | null;
	if (scheduled) {
		startsAt = draft.startsAt.trim() ? readTime(draft.startsAt, false) : null;
		if (!startsAt) problems.startsAt = 'starts-required';
		else if (Date.parse(startsAt) < now.getTime() && startsAt !== prev?.startsAt) {
			problems.startsAt = 'starts-past';
		}
	} else {
		startsAt = prev?.startsAt ?? now.toISOString();
	}

	const endsText = draft.endsAt.trim();
	const endsAt = endsText ? readTime(endsText, true) : null;
	if (endsText && !endsAt) {
		problems.endsAt = forResident ? 'deadline-required' : 'ends-required';
	} else if (!endsAt && (kind === 'project' || kind === 'micro-wish')) {
		problems.endsAt = kind === 'project' ? 'ends-required' : 'deadline-required';
	} else if (
		endsAt &&
		forResident &&
		Date.parse(endsAt) <= now.getTime() &&
		endsAt !== prev?.endsAt
	) {
		problems.endsAt = 'deadline-past';
	} else if (endsAt && startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
		problems.endsAt = 'ends-before-start';
	}

	const schedule = draft.schedule.trim();
	if (schedule.length > SCHEDULE_MAX) problems.schedule = 'schedule-too-long';

	const shifts = kind === 'post' ? [...draft.shifts] : [];
	if (shifts.length > MAX_SHIFTS) problems.shifts = 'shifts-too-many';
	else if (!shifts.every(shiftIsValid)) problems.shifts = 'shifts-invalid';

	const place = draft.place.trim();
	if (scheduled && !place) problems.place = 'place-required';
	else if (place.length > PLACE_MAX) problems.place = 'place-too-long';

	const placesText = draft.places.trim();
	const places = Number(placesText);
	if (!/^\d+$/.test(placesText) || places < 1 || places > MAX_PLACES) {
		problems.places = 'places-invalid';
	}

	const contactName = scheduled ? draft.contactName.trim() : '';
	if (contactName.length > CONTACT_NAME_MAX) problems.contactName = 'contact-too-long';
	const phoneText = scheduled ? draft.contactPhone.trim() : '';
	const contactPhone = phoneText ? readPhone(phoneText) : null;
	if (phoneText && !contactPhone) problems.contactPhone = 'phone-invalid';

	const photo = kind === 'micro-wish' ? draft.photo : null;
	if (kind === 'micro-wish' && !photo) problems.photo = 'photo-required';

	const budgetText = kind === 'micro-wish' ? draft.budget.trim() : '';
	const budget = Number(budgetText);
	if (budgetText && (!/^\d+$/.test(budgetText) || budget < 1 || budget > MAX_BUDGET_YUAN)) {
		problems.budget = 'budget-invalid';
	}

	if (Object.keys(problems).length > 0 || !startsAt || 'problem' in skills || 'problem' in fields) {
		return { ok: false, problems };
	}
	return {
		ok: true,
		input: {
			title,
			description,
			skills: skills.tags,
			fields: fields.tags,
			...(kind === 'need' ? { category, urgency: draft.urgency } : {}),
			startsAt,
			...(endsAt ? { endsAt } : {}),
			...(scheduled && schedule ? { schedule } : {}),
			...(shifts.length ? { shifts } : {}),
			...(place ? { place } : {}),
			places,
			...(contactName ? { contactName } : {}),
			...(contactPhone ? { contactPhone } : {}),
			...(photo ? { photo } : {}),
			...(budgetText ? { budgetYuan: budget } : {})
		}
	};
}

/** A short, practically unique item id made offline on the device. */
export function newItemId(now: Date, random: () => number = Math.random): string {
	const tail = Math.floor(random() * 36 ** 6)
		.toString(36)
		.padStart(6, '0');
	return `it-${now.getTime().toString(36)}${tail}`;
}

/** A new open item of `communityId`, published by staff or by the secretary of `branchId`. */
export function newItem(
	kind: ItemKind,
	input: ItemInput,
	where: { communityId: string; branchId?: string; createdBy: string; now: Date; id?: string }
): ServiceItem {
	const at = where.now.toISOString();
	return withChannels('activities', {
		...input,
		id: where.id ?? newItemId(where.now),
		kind,
		communityId: where.communityId,
		...(where.branchId ? { branchId: where.branchId } : {}),
		state: 'open',
		createdBy: where.createdBy,
		createdAt: at,
		updatedAt: at,
		channels: []
	} satisfies ServiceItem);
}

/** The item with what the form now says; who published it, where and when stay as they were. */
export function editedItem(prev: ServiceItem, input: ItemInput, now: Date): ServiceItem {
	const { id, kind, communityId, branchId, state, createdBy, createdAt } = prev;
	return withChannels('activities', {
		...input,
		id,
		kind,
		communityId,
		...(branchId ? { branchId } : {}),
		state,
		createdBy,
		createdAt,
		updatedAt: now.toISOString(),
		channels: []
	} satisfies ServiceItem);
}

/** The item closed to claims, open again, or cancelled. */
export function itemInState(prev: ServiceItem, state: ItemState, now: Date): ServiceItem {
	return { ...prev, state, updatedAt: now.toISOString() };
}

/** What staff may do with an item in its state: a cancelled item is final, never deleted. */
export function itemMoves(state: ItemState): ItemState[] {
	if (state === 'open') return ['closed', 'cancelled'];
	if (state === 'closed') return ['open', 'cancelled'];
	return [];
}

/**
 * The kinds a person publishes: community staff all of them; a branch secretary projects and
 * posts only, since a need or a wish comes with a resident's contact that only staff keep.
 */
export function publishableKinds(asBranch: boolean): ItemKind[] {
	return asBranch ? ['project', 'post'] : [...ITEM_KINDS];
}
