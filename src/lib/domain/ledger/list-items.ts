import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { hasText, yearField } from '../records/record-fragments';
import { compositeId, entityId, idRef } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import type { SubjectRef } from '../schema/subject-ref';
import {
	badDay,
	branchOf,
	checkPairIsReal,
	dayField,
	evidenceField,
	PAIR_FIELDS,
	pairProperties,
	personField,
	sideField,
	titleField,
	updatedAtField,
	writerField,
	writesForSide,
	yearlyPairChannels,
	type LedgerPair,
	type LedgerSide
} from './ledger-pair';

/** 四张清单 (R4): 服务资源 · 居民需求 · 民生项目 · 责任落实. */
export const LEDGER_LISTS = ['resources', 'needs', 'projects', 'responsibilities'] as const;
export type LedgerList = (typeof LEDGER_LISTS)[number];

/** 计划中 · 推进中 · 已完成 · 已终止 */
export const ITEM_STATES = ['planned', 'in-progress', 'done', 'dropped'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** What a resource is: 人员 · 技能 · 场地 · 资金. */
export const RESOURCE_TYPES = ['people', 'skills', 'venues', 'money'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export interface TrailEntry {
	at: string;
	/** Username of who made the change. */
	by: string;
	change: 'created' | 'changed' | 'state';
	/** The state entered, on a 'state' entry. */
	state?: ItemState;
	note?: string;
}

/**
 * One entry of one of the pair's four lists of a year (R4), possibly one of its 实事好事 (R5), and
 * possibly made by a joint meeting's decision (R7). Whoever writes it — the branch's secretary or
 * the community's staff — is its side, and only that side changes it; its trail keeps who changed
 * what, and is only ever added to.
 */
export interface ListItem extends LedgerPair {
	id: string;
	kind: 'list-item';
	/** The ledger year (Shanghai). */
	year: number;
	list: LedgerList;
	title: string;
	detail?: string;
	/** Resources only. */
	resourceType?: ResourceType;
	/** Skills or need categories, for matching needs with resources and members. */
	tags: string[];
	/** The person responsible, by name: every item has one. */
	owner: string;
	ownerMemberId?: string;
	/** Shanghai date `YYYY-MM-DD`: every item has one. */
	dueOn: string;
	state: ItemState;
	/** Present exactly when the item is done. */
	doneOn?: string;
	/** 实事好事: counted against three a year. */
	goodDeed: boolean;
	/** Photos or scans (SHA-256 hex), six at most. */
	evidence: string[];
	/** Marketplace items (activities, kind service-item) that delivered it. */
	serviceItemIds: string[];
	/** Service records (reports) that delivered it. */
	recordIds: string[];
	/** The joint meeting's decision that made it; `decision` counts from 1. */
	fromMinutes?: { minutesId: string; decision: number };
	side: LedgerSide;
	trail: TrailEntry[];
	by: string;
	updatedAt: string;
	channels: string[];
}

export const MAX_ITEM_TAGS = 10;
export const MAX_TAG_LENGTH = 20;
export const MAX_TRAIL = 40;
export const MAX_SERVICE_ITEMS = 10;
export const MAX_RECORDS = 20;
export const MAX_DECISIONS = 20;

/** The suffix a device makes for an item it creates: unique enough, no dot. */
const SUFFIX = /^[A-Za-z0-9_-]{1,40}$/;

/** An item a writer creates: `li.<branchId>.<year>.<suffix>`, the suffix made on the device. */
export function listItemId(branchId: string, year: number, suffix: string): string {
	return `li.${branchId}.${year}.${suffix}`;
}

/** The one item of a meeting's decision (counted from 1), so two devices never make two. */
export function decisionItemId(minutesId: string, n: number): string {
	return `li.${minutesId}.d${n}`;
}

export function isItemState(value: unknown): value is ItemState {
	return ITEM_STATES.some((state) => state === value);
}

/** Fields fixed once the item exists: where it belongs and who keeps it. */
const fixedFields = [...PAIR_FIELDS, 'year', 'list', 'side', 'fromMinutes'] as const;

const trailEntry = {
	type: 'object',
	properties: {
		at: updatedAtField,
		by: writerField,
		change: { type: 'string', enum: ['created', 'changed', 'state'] },
		state: { type: 'string', enum: [...ITEM_STATES] },
		note: { type: 'string', maxLength: 200 }
	},
	required: ['at', 'by', 'change'],
	additionalProperties: false
} as const;

function minutesOf(item: ListItem): SubjectRef | null {
	return item.fromMinutes ? { collection: 'ledger', id: item.fromMinutes.minutesId } : null;
}

function idProblem(item: ListItem): boolean {
	if (item.fromMinutes) {
		return item.id !== decisionItemId(item.fromMinutes.minutesId, item.fromMinutes.decision);
	}
	const prefix = listItemId(item.branchId, item.year, '');
	return !item.id.startsWith(prefix) || !SUFFIX.test(item.id.slice(prefix.length));
}

/** What of an item does not fit its list or state, as a refusal detail; null when it all fits. */
export function itemShapeProblem(item: ListItem): string | null {
	if (!hasText(item.title)) return 'title';
	if (!hasText(item.owner)) return 'owner';
	const day = badDay({ dueOn: item.dueOn, doneOn: item.doneOn });
	if (day) return day;
	if (item.resourceType !== undefined && item.list !== 'resources') return 'resourceType';
	if ((item.state === 'done') !== (item.doneOn !== undefined)) return 'doneOn';
	if (item.tags.some((tag) => !hasText(tag))) return 'tags';
	return null;
}

/**
 * The trail only grows, and says who changed what: created by its writer with the item, each
 * later entry by whoever made that change, a change of state with a 'state' entry of it.
 */
/**
 * The trail only grows, each entry by its writer. A new item may arrive with later entries already
 * (created offline and changed before the device pushed: replication sends only the latest
 * version), so it is checked as its `created` entry followed by changes.
 */
function checkTrail(prev: ListItem | null, next: ListItem, username: string): Verdict {
	if (!prev) {
		const [first] = next.trail;
		if (!first || first.change !== 'created' || first.by !== username) {
			return reject('invalid', 'trail');
		}
		return checkAdded(next.trail.slice(1), 'planned', next, username);
	}
	const kept = next.trail.slice(0, prev.trail.length);
	if (JSON.stringify(kept) !== JSON.stringify(prev.trail)) return reject('append-only', 'trail');
	return checkAdded(next.trail.slice(prev.trail.length), prev.state, next, username);
}

/** Entries added since `from` state: the writer's changes, the last state change recording `next`'s. */
function checkAdded(
	added: ListItem['trail'],
	from: ItemState,
	next: ListItem,
	username: string
): Verdict {
	if (added.some((entry) => entry.by !== username || entry.change === 'created')) {
		return reject('invalid', 'trail');
	}
	const lastState = added.filter((entry) => entry.change === 'state').at(-1);
	if (next.state !== from && lastState?.state !== next.state) return reject('invalid', 'trail');
	return ACCEPT;
}

/**
 * A decision's item is what the meeting decided: the same text, owner, due date and list, of the
 * same pair and year. A device without the minutes leaves the question to the gateway.
 */
function checkDecision(
	item: ListItem,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const ref = minutesOf(item);
	if (!ref || !item.fromMinutes) return ACCEPT;
	const minutes = related(ref);
	if (!minutes) return relatedComplete ? reject('subject-mismatch', 'fromMinutes') : ACCEPT;
	const same = (['kind', 'branchId', 'communityId', 'orgId', 'year'] as const).every(
		(field) => minutes[field] === (field === 'kind' ? 'minutes' : item[field])
	);
	if (!same) return reject('subject-mismatch', 'fromMinutes');
	const decisions = Array.isArray(minutes['decisions']) ? minutes['decisions'] : [];
	const decision = decisions[item.fromMinutes.decision - 1] as Record<string, unknown> | undefined;
	if (
		!decision ||
		decision['text'] !== item.title ||
		decision['owner'] !== item.owner ||
		decision['dueOn'] !== item.dueOn ||
		decision['list'] !== item.list
	) {
		return reject('subject-mismatch', 'decision');
	}
	return ACCEPT;
}

export const listItems: KindDefinition<ListItem> = {
	name: 'list-item',
	kindValues: ['list-item'],
	schema: {
		title: 'list item',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['list-item'] },
			...pairProperties,
			year: yearField,
			list: { type: 'string', enum: [...LEDGER_LISTS] },
			title: titleField,
			detail: { type: 'string', maxLength: 1000 },
			resourceType: { type: 'string', enum: [...RESOURCE_TYPES] },
			tags: {
				type: 'array',
				items: { type: 'string', minLength: 1, maxLength: MAX_TAG_LENGTH },
				maxItems: MAX_ITEM_TAGS
			},
			owner: personField,
			ownerMemberId: idRef,
			dueOn: dayField,
			state: { type: 'string', enum: [...ITEM_STATES] },
			doneOn: dayField,
			goodDeed: { type: 'boolean' },
			evidence: evidenceField,
			serviceItemIds: { type: 'array', items: entityId, maxItems: MAX_SERVICE_ITEMS },
			recordIds: { type: 'array', items: compositeId, maxItems: MAX_RECORDS },
			fromMinutes: {
				type: 'object',
				properties: {
					minutesId: compositeId,
					decision: { type: 'integer', minimum: 1, maximum: MAX_DECISIONS }
				},
				required: ['minutesId', 'decision'],
				additionalProperties: false
			},
			side: sideField,
			trail: { type: 'array', items: trailEntry, minItems: 1, maxItems: MAX_TRAIL },
			by: writerField,
			updatedAt: updatedAtField,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'branchId',
			'communityId',
			'orgId',
			'year',
			'list',
			'title',
			'tags',
			'owner',
			'dueOn',
			'state',
			'goodDeed',
			'evidence',
			'serviceItemIds',
			'recordIds',
			'side',
			'trail',
			'by',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (item) => yearlyPairChannels(item, item.year),
	relatedOf: (item) => {
		const minutes = minutesOf(item);
		return minutes ? [branchOf(item), minutes] : [branchOf(item)];
	},
	filesOf: (item) => item.evidence,
	policy: ({ actor, prev, next, deleting, related, relatedComplete }) => {
		// Each side keeps its own items: the community's staff never edit the branch's, nor back.
		if (!writesForSide(actor, next, next.side)) return reject('forbidden');
		if (prev && !writesForSide(actor, prev, prev.side)) return reject('forbidden');
		// Only what never started goes; anything begun stays, dropped if need be, with its trail.
		if (deleting) return prev && prev.state !== 'planned' ? reject('forbidden', 'state') : ACCEPT;
		if (next.by !== actor.username) return reject('not-owner');
		if (idProblem(next)) return reject('invalid', 'id');
		if (prev) {
			const field = changedField(prev, next, fixedFields);
			if (field) return reject('immutable-field', field);
		}
		const problem = itemShapeProblem(next);
		if (problem) return reject('invalid', problem);
		const trail = checkTrail(prev, next, actor.username);
		if (!trail.ok || prev) return trail;
		const pair = checkPairIsReal(next, related, relatedComplete);
		return pair.ok ? checkDecision(next, related, relatedComplete) : pair;
	}
};
