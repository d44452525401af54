import { channel, inYear, normalizeChannels, PUBLIC_CHANNEL } from '../access/channels';
import { isOfficeOf } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { summaryYear, count } from '../evaluation/summary-schema';
import { dayField, isCalendarDay, writerField } from '../ledger/ledger-pair';
import { hasText } from '../records/record-fragments';
import { compositeId, idRef, instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import type { SubjectRef } from '../schema/subject-ref';
import { isNoticeDays, noticeEndsAt } from './notice-period';

/** R18's two awards: 志愿服务之星 and 最美下沉干部. */
export const AWARD_TYPES = ['volunteer-star', 'exemplary-cadre'] as const;
export type AwardType = (typeof AWARD_TYPES)[number];

/**
 * draft → decided (the office's meeting chose) → announced (公示: the period runs, anyone may
 * object) → published (the result stands). A draft or decided award is the office's alone.
 */
export const AWARD_STATES = ['draft', 'decided', 'announced', 'published'] as const;
export type AwardState = (typeof AWARD_STATES)[number];

/** What is announced of a person: no mobile, no ID number, nothing beyond the name and the deeds. */
export interface Nominee {
	memberId: string;
	name: string;
	branchName: string;
	communityName?: string;
	citation: string;
	/** Why the data proposed the person (points, grade, services…), as the office saw them. */
	reasons: string[];
}

/** A nominee taken off the notice after an upheld objection: the record of why. */
export interface NomineeRemoval {
	memberId: string;
	objectionId: string;
	removedAt: string;
}

export interface Award {
	id: string;
	kind: 'award';
	orgId: string;
	/** The bureau's name, as the public notice shows it. */
	orgName: string;
	year: number;
	awardType: AwardType;
	nominees: Nominee[];
	removals?: NomineeRemoval[];
	state: AwardState;
	/** Shanghai day the notice starts (may be past: a notice already posted on paper). */
	noticeStartsOn?: string;
	noticeDays?: number;
	decidedAt?: string;
	announcedAt?: string;
	publishedAt?: string;
	/** At publishing: how many objections the notice received (all answered). */
	objectionCount?: number;
	by: string;
	updatedAt: string;
	channels: string[];
}

export const MAX_NOMINEES = 20;
export const MAX_REASONS = 8;
/** Far beyond a bureau's notice; bounds the objections a publishing write must look at. */
export const MAX_OBJECTIONS = 200;

/** One award of each type per bureau and year. */
export function awardId(orgId: string, year: number, type: AwardType): string {
	return `award.${orgId}.${year}.${type}`;
}

/** The server numbers an award's objections from 1, so publishing can name them all. */
export function objectionId(award: string, number: number): string {
	return `${objectionPrefix(award)}${number}`;
}

function objectionPrefix(award: string): string {
	return `objection.${award.replace(/^award\./, '')}.`;
}

/** Whether `objection` is an objection id of the award's. */
export function isObjectionOf(award: string, objection: string): boolean {
	const prefix = objectionPrefix(award);
	return objection.startsWith(prefix) && /^[1-9]\d{0,3}$/.test(objection.slice(prefix.length));
}

export function outcomeId(objection: string): string {
	return `${objection}.outcome`;
}

export function isAward(doc: { kind?: unknown }): doc is Award {
	return doc.kind === 'award';
}

/** Whether anyone beyond the office may see it: once announced, it is public. */
export function isAnnounced(award: Pick<Award, 'state'>): boolean {
	return award.state === 'announced' || award.state === 'published';
}

/** The nominees as announced and still standing. */
export function standingNominees(award: Award): Nominee[] {
	const removed = new Set((award.removals ?? []).map((r) => r.memberId));
	return award.nominees.filter((n) => !removed.has(n.memberId));
}

const nameText = { type: 'string', minLength: 1, maxLength: 100 } as const;

const nomineeField = {
	type: 'object',
	properties: {
		memberId: idRef,
		name: { type: 'string', minLength: 1, maxLength: 50 },
		branchName: nameText,
		communityName: nameText,
		citation: { type: 'string', minLength: 1, maxLength: 300 },
		reasons: {
			type: 'array',
			items: { type: 'string', minLength: 1, maxLength: 120 },
			maxItems: MAX_REASONS
		}
	},
	required: ['memberId', 'name', 'branchName', 'citation', 'reasons'],
	additionalProperties: false
} as const;

const removalField = {
	type: 'object',
	properties: { memberId: idRef, objectionId: compositeId, removedAt: instant },
	required: ['memberId', 'objectionId', 'removedAt'],
	additionalProperties: false
} as const;

/** The fields no write after the first changes. */
const FIXED = ['orgId', 'year', 'awardType', 'kind'] as const;
/** What the announcement fixes: the public saw these terms. */
const ANNOUNCED = ['orgName', 'noticeStartsOn', 'noticeDays', 'decidedAt', 'announcedAt'] as const;

/** The objections and outcomes a publishing write must see: all of them, and that there is no next. */
function publishingRefs(award: Award): SubjectRef[] {
	if (award.state !== 'published') return [];
	const n = Math.min(award.objectionCount ?? 0, MAX_OBJECTIONS);
	const refs: SubjectRef[] = [];
	for (let i = 1; i <= n + 1; i++) {
		refs.push({ collection: 'evaluations', id: objectionId(award.id, i) });
		if (i <= n) refs.push({ collection: 'evaluations', id: outcomeId(objectionId(award.id, i)) });
	}
	return refs;
}

function removalRefs(award: Award): SubjectRef[] {
	return (award.removals ?? []).map((r) => ({
		collection: 'evaluations',
		id: outcomeId(r.objectionId)
	}));
}

type Related = (ref: SubjectRef) => Record<string, unknown> | null;

function checkNominees(award: Award): Verdict {
	const ids = new Set(award.nominees.map((n) => n.memberId));
	if (ids.size !== award.nominees.length) return reject('invalid', 'nominees');
	if (award.state !== 'draft' && award.nominees.length === 0) return reject('invalid', 'nominees');
	const blank = award.nominees.find((n) => !hasText(n.name) || !hasText(n.citation));
	return blank ? reject('invalid', 'nominees') : ACCEPT;
}

function checkTerms(award: Award): Verdict {
	if (award.state === 'draft') return ACCEPT;
	if (!award.decidedAt) return reject('invalid', 'decidedAt');
	if (award.state === 'decided') return ACCEPT;
	if (!award.announcedAt) return reject('invalid', 'announcedAt');
	if (!award.noticeStartsOn || !isCalendarDay(award.noticeStartsOn)) {
		return reject('invalid', 'noticeStartsOn');
	}
	if (!isNoticeDays(award.noticeDays)) return reject('invalid', 'noticeDays');
	if (award.state === 'published' && !award.publishedAt) return reject('invalid', 'publishedAt');
	return ACCEPT;
}

/**
 * After the announcement the nominees only shrink, each removal citing an objection of this
 * award that the office upheld; earlier removals stand.
 */
function checkRemovals(prev: Award, next: Award, related: Related, complete: boolean): Verdict {
	const before = prev.removals ?? [];
	const after = next.removals ?? [];
	if (JSON.stringify(after.slice(0, before.length)) !== JSON.stringify(before)) {
		return reject('append-only', 'removals');
	}
	const added = after.slice(before.length);
	const removed = new Set(added.map((r) => r.memberId));
	const kept = prev.nominees.filter((n) => !removed.has(n.memberId));
	if (
		removed.size !== added.length ||
		kept.length !== prev.nominees.length - removed.size ||
		JSON.stringify(kept) !== JSON.stringify(next.nominees)
	) {
		return reject('immutable-field', 'nominees');
	}
	for (const removal of added) {
		if (!isObjectionOf(next.id, removal.objectionId)) {
			return reject('subject-mismatch', 'removals');
		}
		const outcome = related({ collection: 'evaluations', id: outcomeId(removal.objectionId) });
		if (!outcome) {
			if (complete) return reject('subject-mismatch', 'removals');
			continue;
		}
		if (outcome['outcome'] !== 'upheld') return reject('subject-mismatch', 'removals');
	}
	return ACCEPT;
}

/** Publishing: the period has ended and every objection the notice received has an outcome. */
function checkPublishing(next: Award, related: Related, complete: boolean, now: Date): Verdict {
	const startsOn = next.noticeStartsOn ?? '';
	const days = next.noticeDays ?? 0;
	if (now.getTime() < noticeEndsAt(startsOn, days).getTime()) {
		return reject('invalid', 'noticeStartsOn');
	}
	const n = next.objectionCount ?? 0;
	if (n > MAX_OBJECTIONS) return reject('invalid', 'objectionCount');
	const at = (id: string) => related({ collection: 'evaluations', id });
	for (let i = 1; i <= n; i++) {
		const objection = objectionId(next.id, i);
		if (complete && !at(objection)) return reject('subject-mismatch', 'objectionCount');
		if (at(objection) && !at(outcomeId(objection))) {
			// An objection held here without its outcome: never published over; the gateway, which
			// sees every outcome, decides the rest.
			return reject('subject-mismatch', 'objectionCount');
		}
	}
	if (complete && at(objectionId(next.id, n + 1))) {
		return reject('subject-mismatch', 'objectionCount');
	}
	return ACCEPT;
}

const NEXT_STATES: Record<AwardState, readonly AwardState[]> = {
	draft: ['draft', 'decided'],
	decided: ['draft', 'decided', 'announced'],
	announced: ['announced', 'published'],
	published: []
};

export const awards: KindDefinition<Award> = {
	name: 'award',
	kindValues: ['award'],
	schema: {
		title: 'award',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['award'] },
			orgId: idRef,
			orgName: nameText,
			year: summaryYear,
			awardType: { type: 'string', enum: [...AWARD_TYPES] },
			nominees: { type: 'array', items: nomineeField, maxItems: MAX_NOMINEES },
			removals: { type: 'array', items: removalField, maxItems: MAX_NOMINEES },
			state: { type: 'string', enum: [...AWARD_STATES] },
			noticeStartsOn: dayField,
			noticeDays: { type: 'integer', minimum: 1, maximum: 30 },
			decidedAt: instant,
			announcedAt: instant,
			publishedAt: instant,
			objectionCount: count,
			by: writerField,
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'orgId',
			'orgName',
			'year',
			'awardType',
			'nominees',
			'state',
			'by',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (a) =>
		normalizeChannels([
			inYear(channel.bureau(a.orgId), a.year),
			...(isAnnounced(a) ? [PUBLIC_CHANNEL] : [])
		]),
	relatedOf: (a) => [...removalRefs(a), ...publishingRefs(a)],
	policy: ({ actor, prev, next, deleting, related, relatedComplete, now }) => {
		if (!isOfficeOf(actor, next.orgId)) return reject('forbidden');
		if (prev && !isOfficeOf(actor, prev.orgId)) return reject('forbidden');
		// What the public has seen stays on record.
		if (deleting) return prev && isAnnounced(prev) ? reject('append-only') : ACCEPT;
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== awardId(next.orgId, next.year, next.awardType)) return reject('invalid', 'id');
		if (prev) {
			const field = changedField(prev, next, FIXED);
			if (field) return reject('immutable-field', field);
			if (!NEXT_STATES[prev.state].includes(next.state)) return reject('append-only', 'state');
		} else if (next.state !== 'draft') {
			return reject('invalid', 'state');
		}
		const nominees = checkNominees(next);
		if (!nominees.ok) return nominees;
		const terms = checkTerms(next);
		if (!terms.ok) return terms;
		if (prev && isAnnounced(prev)) {
			const field = changedField(prev, next, ANNOUNCED);
			if (field) return reject('immutable-field', field);
			const removals = checkRemovals(prev, next, related, relatedComplete);
			if (!removals.ok) return removals;
		} else if (next.removals?.length) {
			return reject('invalid', 'removals');
		}
		if (next.state === 'published') {
			return checkPublishing(next, related, relatedComplete, now);
		}
		if (next.objectionCount !== undefined || next.publishedAt) {
			return reject('invalid', 'objectionCount');
		}
		return ACCEPT;
	}
};
