/**
 * Which open service items a member sees first, and why (R15: members take on service that fits
 * them). Pure: the device ranks its own replica, offline.
 *
 * An item is listed when it is open, still takes claims (a project or post until it starts, a need
 * or micro-wish until its deadline) and belongs to one of the member's communities (the residence
 * community, the branch's linked community).
 *
 * Its fit is a sum of points, each with the reason the screen shows:
 * - each of the member's skills or professions among the item's skills, fields or category: 3
 *   (what the community asked for and the member can do — the heart of 接单). A need's category
 *   stands for the profile tags that serve it (`CATEGORY_TAGS`: a repair wants an electrician);
 * - the member's free time fits when the item happens: 2 (a weekly shift of a post, or a
 *   project's start, in Asia/Shanghai: weekday before 18:00 is daytime, from 18:00 evening,
 *   Saturday and Sunday weekend). Needs and micro-wishes have no set time, so no point either way;
 * - each of the member's interests among the item's tags: 1 (a liking, weaker than a skill).
 * Items of equal fit come most urgent first, then the nearest deadline (when claims close), then
 * by id so the order never flickers between two renderings.
 */
import type { Availability } from '../people/members';
import type { VocabularyKind } from '../people/profile-vocabulary';
import { isNeedCategory, type NeedCategory } from './need-categories';
import { URGENCIES, type ItemKind, type ServiceItem } from './service-items';

export const SKILL_POINTS = 3;
export const TIME_POINTS = 2;
export const INTEREST_POINTS = 1;

/** One point of fit: a tag of the member's the item asks for, or a time the member is free. */
export type MatchReason =
	{ kind: 'tag'; vocabulary: VocabularyKind; tag: string } | { kind: 'time'; slot: Availability };

export interface RankedItem {
	item: ServiceItem;
	score: number;
	/** Tags first (skills, professions, interests), then the time; each once. */
	reasons: MatchReason[];
}

/** What of a member's profile the ranking reads. */
export interface RankingProfile {
	skills: readonly string[];
	professions?: readonly string[];
	interests: readonly string[];
	availability?: readonly Availability[];
}

const HOUR_MS = 3_600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const EVENING_FROM_HOUR = 18;

/** The member's time slot of a Shanghai weekday (1 = Monday … 7 = Sunday) and hour. */
export function slotOf(weekday: number, hour: number): Availability {
	if (weekday >= 6) return 'weekend';
	return hour >= EVENING_FROM_HOUR ? 'weekday-evening' : 'weekday-daytime';
}

function slotAt(at: string): Availability | null {
	const time = Date.parse(at);
	if (Number.isNaN(time)) return null;
	const wall = new Date(time + SHANGHAI_OFFSET_MS);
	return slotOf(wall.getUTCDay() === 0 ? 7 : wall.getUTCDay(), wall.getUTCHours());
}

/** When the item happens, as time slots: a post's shifts, a project's start; none for the rest. */
export function itemSlots(item: ServiceItem): Availability[] {
	if (item.kind === 'post' && item.shifts && item.shifts.length > 0) {
		const slots = item.shifts.map((s) => slotOf(s.weekday, Number(s.start.slice(0, 2))));
		return [...new Set(slots)];
	}
	if (item.kind === 'project' || item.kind === 'post') {
		const slot = slotAt(item.startsAt);
		return slot ? [slot] : [];
	}
	return [];
}

/** When claims close: a project or post when it starts, a need or micro-wish at its deadline. */
export function claimsCloseAt(item: ServiceItem): string | undefined {
	return item.kind === 'project' || item.kind === 'post' ? item.startsAt : item.endsAt;
}

/** Open and still taking claims at `now`. */
export function isOpenAt(item: ServiceItem, now: Date): boolean {
	if (item.state !== 'open') return false;
	const closes = claimsCloseAt(item);
	return closes === undefined || Date.parse(closes) > now.getTime();
}

/** The profile tags (skills, professions, interests) that serve a need of each category. */
export const CATEGORY_TAGS: Record<NeedCategory, readonly string[]> = {
	repair: ['electrical-repair', 'building-safety', 'gas-safety', 'property-management'],
	'elderly-care': ['elderly-disabled-care', 'counselling', 'medicine', 'health-care'],
	health: ['health-care', 'medicine', 'counselling'],
	legal: ['legal-advice', 'law'],
	study: ['education', 'youth-care', 'bilingual-translation', 'computing', 'reading'],
	environment: ['environment', 'waste-sorting', 'tree-planting'],
	errands: ['neighbour-help', 'convenience-services'],
	other: []
};

const normal = (tag: string) => tag.trim().toLowerCase();

/** The tags an item asks for: its skills and fields, its category and what serves that category. */
function wantedTags(item: ServiceItem): Set<string> {
	const category = item.category
		? [item.category, ...(isNeedCategory(item.category) ? CATEGORY_TAGS[item.category] : [])]
		: [];
	return new Set([...item.skills, ...item.fields, ...category].map(normal));
}

/** The points of fit of one item for a member, with their reasons. */
export function fitOf(item: ServiceItem, profile: RankingProfile): RankedItem {
	const wanted = wantedTags(item);
	const reasons: MatchReason[] = [];
	let score = 0;
	const seen = new Set<string>();
	const match = (vocabulary: VocabularyKind, tags: readonly string[], points: number) => {
		for (const tag of tags) {
			const key = normal(tag);
			if (!wanted.has(key) || seen.has(key)) continue;
			seen.add(key);
			reasons.push({ kind: 'tag', vocabulary, tag });
			score += points;
		}
	};
	match('skill', profile.skills, SKILL_POINTS);
	match('profession', profile.professions ?? [], SKILL_POINTS);
	match('interest', profile.interests, INTEREST_POINTS);
	const free = new Set(profile.availability ?? []);
	const fitting = itemSlots(item).find((slot) => free.has(slot));
	if (fitting) {
		reasons.push({ kind: 'time', slot: fitting });
		score += TIME_POINTS;
	}
	return { item, score, reasons };
}

const urgencyRank = (item: ServiceItem) => URGENCIES.indexOf(item.urgency ?? 'normal');

function closingTime(item: ServiceItem): number {
	const closes = claimsCloseAt(item);
	return closes === undefined ? Number.POSITIVE_INFINITY : Date.parse(closes);
}

function byFit(a: RankedItem, b: RankedItem): number {
	return (
		b.score - a.score ||
		urgencyRank(b.item) - urgencyRank(a.item) ||
		closingTime(a.item) - closingTime(b.item) ||
		(a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0)
	);
}

/**
 * The open items of the member's communities, best fit first, each with its reasons (see the
 * module's comment for the points and the order).
 */
export function rankItems(
	items: readonly ServiceItem[],
	profile: RankingProfile,
	options: { communityIds: readonly string[]; now: Date }
): RankedItem[] {
	const communities = new Set(options.communityIds);
	return items
		.filter((item) => communities.has(item.communityId) && isOpenAt(item, options.now))
		.map((item) => fitOf(item, profile))
		.sort(byFit);
}

export interface ItemFilter {
	kind?: ItemKind;
	communityId?: string;
	/** Words to find in the title, description, place, schedule or tags. */
	text?: string;
}

/**
 * The ranked items a member narrowed down, in the same order. `tagLabel` gives a tag's shown name,
 * so typing 电工 finds an item that asks for the vocabulary code `electrical-repair`.
 */
export function filterItems(
	ranked: readonly RankedItem[],
	filter: ItemFilter,
	tagLabel: (tag: string) => string = (tag) => tag
): RankedItem[] {
	const words = (filter.text ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
	return ranked.filter(({ item }) => {
		if (filter.kind && item.kind !== filter.kind) return false;
		if (filter.communityId && item.communityId !== filter.communityId) return false;
		if (words.length === 0) return true;
		const tags = [...item.skills, ...item.fields, ...(item.category ? [item.category] : [])];
		const haystack = [
			item.title,
			item.description,
			item.place ?? '',
			item.schedule ?? '',
			...tags,
			...tags.map(tagLabel)
		]
			.join('\n')
			.toLowerCase();
		return words.every((word) => haystack.includes(word));
	});
}
