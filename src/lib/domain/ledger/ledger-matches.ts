import { isNeedCategory } from '../marketplace/need-categories';
import { CATEGORY_TAGS } from '../marketplace/ranking';
import type { ServiceItem } from '../marketplace/service-items';
import type { Member } from '../people/members';
import type { ListItem } from './list-items';

/**
 * R19: the pair's needs (the ledger's 居民需求 list, and the community's marketplace needs) set
 * beside what could meet them (the ledger's 服务资源, the branch's members), each match with the
 * reasons it rests on, so the secretary sees why (「技能：水电维修」). Pure: the device matches its
 * own replica, offline.
 *
 * A need asks for its tags (a ledger need's; a marketplace need's skills, fields and category).
 * An offer's tag (a resource's tag, a member's skill or profession) the need names itself counts
 * 3; one that serves a need category the need names (`CATEGORY_TAGS`: a repair wants an
 * electrician) counts 2. Tags compare without case and surrounding spaces.
 */

export const DIRECT_POINTS = 3;
export const CATEGORY_POINTS = 2;

/** A need to match: a list item of the 'needs' list, or a marketplace item of kind 'need'. */
export type LedgerNeed = ListItem | ServiceItem;

export interface MatchReason {
	/** A member's skill or profession, a resource's tag, or a tag serving the need's category. */
	kind: 'skill' | 'category' | 'tag';
	/** The offer's tag as written (a vocabulary code or the person's own words). */
	value: string;
}

export interface LedgerMatch {
	needId: string;
	offer: { kind: 'resource'; itemId: string } | { kind: 'member'; memberId: string };
	score: number;
	reasons: MatchReason[];
}

const normal = (tag: string) => tag.trim().toLowerCase();

function isLedgerItem(need: LedgerNeed): need is ListItem {
	return need.kind === 'list-item';
}

/** Still wanting: a ledger need not done or dropped, a marketplace need open. */
function isOpenNeed(need: LedgerNeed): boolean {
	if (isLedgerItem(need)) {
		return need.list === 'needs' && (need.state === 'planned' || need.state === 'in-progress');
	}
	return need.kind === 'need' && need.state === 'open';
}

interface Wanted {
	/** Tags the need names. */
	direct: Set<string>;
	/** Tags that serve a category the need names. */
	byCategory: Set<string>;
}

/** The profile tags that serve a need category, when the tag is one. */
function servingCategory(tag: string): readonly string[] {
	const key = normal(tag);
	return isNeedCategory(key) ? CATEGORY_TAGS[key] : [];
}

function wantedBy(need: LedgerNeed): Wanted {
	const named = isLedgerItem(need)
		? need.tags
		: [...need.skills, ...need.fields, ...(need.category ? [need.category] : [])];
	const direct = new Set(named.map(normal));
	const byCategory = new Set(named.flatMap(servingCategory).map(normal));
	return { direct, byCategory };
}

/** The points and reasons of an offer's tags for a need; each tag counts once. */
function fit(
	wanted: Wanted,
	tags: readonly string[],
	directKind: 'skill' | 'tag'
): { score: number; reasons: MatchReason[] } {
	const reasons: MatchReason[] = [];
	let score = 0;
	const seen = new Set<string>();
	for (const tag of tags) {
		const key = normal(tag);
		if (!key || seen.has(key)) continue;
		seen.add(key);
		if (wanted.direct.has(key)) {
			reasons.push({ kind: directKind, value: tag });
			score += DIRECT_POINTS;
		} else if (wanted.byCategory.has(key)) {
			reasons.push({ kind: 'category', value: tag });
			score += CATEGORY_POINTS;
		}
	}
	return { score, reasons };
}

const offerKey = (offer: LedgerMatch['offer']) =>
	offer.kind === 'resource' ? `r ${offer.itemId}` : `m ${offer.memberId}`;

/**
 * Every open need against every resource still on offer (not dropped) and every member, best
 * first; an offer sharing nothing with a need is no match. Equal scores by need, then offer, so
 * the order never flickers between two renderings.
 */
export function ledgerMatches(
	needs: readonly LedgerNeed[],
	resources: readonly ListItem[],
	members: readonly Pick<Member, 'id' | 'skills' | 'professions'>[]
): LedgerMatch[] {
	const offers = resources.filter((r) => r.list === 'resources' && r.state !== 'dropped');
	const matches: LedgerMatch[] = [];
	for (const need of needs.filter(isOpenNeed)) {
		const wanted = wantedBy(need);
		for (const resource of offers) {
			const { score, reasons } = fit(wanted, resource.tags, 'tag');
			if (score > 0) {
				matches.push({
					needId: need.id,
					offer: { kind: 'resource', itemId: resource.id },
					score,
					reasons
				});
			}
		}
		for (const member of members) {
			const tags = [...member.skills, ...(member.professions ?? [])];
			const { score, reasons } = fit(wanted, tags, 'skill');
			if (score > 0) {
				matches.push({
					needId: need.id,
					offer: { kind: 'member', memberId: member.id },
					score,
					reasons
				});
			}
		}
	}
	return matches.sort(
		(a, b) =>
			b.score - a.score ||
			a.needId.localeCompare(b.needId) ||
			offerKey(a.offer).localeCompare(offerKey(b.offer))
	);
}
