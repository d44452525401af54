import { openYears } from '../access/channels';
import { isMember } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { recordYear } from '../calendar/shanghai-calendar';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';
import { attendanceId } from '../events/attendance-record';
import { approvalId } from './approvals';
import {
	hasText,
	MAX_PHOTOS,
	photoList,
	submissionField,
	yearlyChannels
} from './record-fragments';

/** Where a record came from: the worker derives `activity` and `claim` records; `own` is the member's. */
export const RECORD_ORIGINS = ['activity', 'claim', 'own'] as const;
export type RecordOrigin = (typeof RECORD_ORIGINS)[number];

/**
 * What kind of service a record is; its points rule is chosen from this (the most specific).
 * Activity records take their activity's type (`lecture-given` when the member was a speaker);
 * claim records their item's kind; own records `service`, `emergency` or `lecture-given`.
 */
export const SERVICE_CATEGORIES = [
	'volunteer',
	'lecture',
	'lecture-given',
	'community',
	'ethnic-unity',
	'party-day',
	'emergency',
	'project',
	'post',
	'need',
	'micro-wish',
	'service'
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** The categories a member may choose for a record of their own. */
export const OWN_CATEGORIES = [
	'service',
	'emergency',
	'lecture-given'
] as const satisfies readonly ServiceCategory[];

/** The fields a change of a record may touch, as the trail keeps their previous values. */
export interface RecordValues {
	at: string;
	minutes: number;
	description: string;
	communityId: string;
}

/** One step of a record's history, kept in the record itself (append-only; ≤ MAX_TRAIL). */
export interface TrailEntry {
	at: string;
	/** Username; `system` for the worker. */
	by: string;
	change: 'created' | 'changed' | 'resolved' | 'withdrawn' | 'resubmitted' | 'restored';
	/** The previous values of the fields that changed. */
	before?: Partial<RecordValues>;
	/** Why (the organiser's reason resolving 需核实, the member's on resubmission). ≤ 200 chars. */
	reason?: string;
}

export const MAX_TRAIL = 40;
export const MAX_RECORD_PHOTOS = MAX_PHOTOS;
export const MAX_RECORD_MINUTES = 24 * 60;

/**
 * 服务记录: one piece of service. Kind `service-record` of the `reports` collection. One writer
 * each: the worker writes `activity` and `claim` records (derived from check-ins, 需核实
 * resolutions and confirmed claims); the member writes `own` ones (service done outside the app,
 * or a missed check-in citing `activityId`), resubmitting after a return (`submission` + 1).
 * Its state is derived (record-status.ts) from the community's `review` and the secretary's
 * `approval` of its current `submission`, and from corrections.
 */
export interface ServiceRecord extends RecordValues {
	/** activity: `sr.<activityId>.<memberId>`; claim: `sr.<claimId>`; own: `sr.<memberId>.<key>`. */
	id: string;
	kind: 'service-record';
	origin: RecordOrigin;
	/** The check-in (`<activityId>.<memberId>.in`) or claim id a derived record was made from. */
	sourceId?: string;
	/** The activity attended (activity records), or cited by an own record of a missed check-in. */
	activityId?: string;
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
	/** Where the service was done (`communityId` of RecordValues). */
	/** The branch that ran the activity: its own member's record skips the community's step. */
	hostBranchId?: string;
	category: ServiceCategory;
	/** Up to three photos: SHA-256 hex of files uploaded beside the document (principle 13). */
	photos: string[];
	/** 需核实: the check-in is flagged and no organiser has resolved it yet. */
	flagged?: boolean;
	/** No longer service: marked absent, the activity or claim cancelled, withdrawn by the member. */
	withdrawn?: boolean;
	submission: number;
	submittedAt: string;
	trail: TrailEntry[];
	updatedAt: string;
	channels: string[];
}

export function activityRecordId(activityId: string, memberId: string): string {
	return `sr.${activityId}.${memberId}`;
}

export function claimRecordId(claimId: string): string {
	return `sr.${claimId}`;
}

/** `key`: 6–24 of [a-z0-9], chosen by the device (random), so two devices never collide. */
export function ownRecordId(memberId: string, key: string): string {
	return `sr.${memberId}.${key}`;
}

export function isServiceRecord(doc: { kind?: unknown }): doc is ServiceRecord {
	return doc.kind === 'service-record';
}

/** How far a device's clock may run ahead of the checker's when it dates a record. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The key of an own record's id: random, chosen by the device. */
const OWN_KEY = /^[a-z0-9]{6,24}$/;

export function isOwnRecordId(id: string, memberId: string): boolean {
	const prefix = ownRecordId(memberId, '');
	return id.startsWith(prefix) && OWN_KEY.test(id.slice(prefix.length));
}

/** The record's current values, as a trail entry's `before` keeps them. */
export function recordValues(record: RecordValues): RecordValues {
	return {
		at: record.at,
		minutes: record.minutes,
		description: record.description,
		communityId: record.communityId
	};
}

const VALUE_FIELDS = ['at', 'minutes', 'description', 'communityId'] as const;

/** The previous values of the fields that differ: what a trail entry of a change keeps. */
export function valuesBefore(prev: RecordValues, next: RecordValues): Partial<RecordValues> {
	const before: Partial<RecordValues> = {};
	for (const field of VALUE_FIELDS) {
		if (prev[field] !== next[field]) Object.assign(before, { [field]: prev[field] });
	}
	return before;
}

export function recordChannels(
	record: Pick<ServiceRecord, 'memberId' | 'branchId' | 'communityId' | 'at'>
): string[] {
	return yearlyChannels(record, recordYear(record.at));
}

/** Whether the service time `at` is acceptable at `now`: not ahead, in a year devices hold. */
export function isServiceTimeOpen(at: string, now: Date): boolean {
	const time = Date.parse(at);
	if (Number.isNaN(time) || time > now.getTime() + CLOCK_SKEW_MS) return false;
	return openYears(now).includes(recordYear(at));
}

const fixedFields = ['memberId', 'branchId', 'orgId', 'origin', 'kind'] as const;
/** What only a new submission may change: a decision stands for the content it saw. */
const contentFields = [
	'at',
	'minutes',
	'description',
	'communityId',
	'category',
	'photos',
	'activityId',
	'hostBranchId',
	'memberName',
	'submittedAt'
] as const;

const trailEntry = {
	type: 'object',
	properties: {
		at: instant,
		by: { type: 'string', minLength: 1, maxLength: 64 },
		change: {
			type: 'string',
			enum: ['created', 'changed', 'resolved', 'withdrawn', 'resubmitted', 'restored']
		},
		before: {
			type: 'object',
			properties: {
				at: instant,
				minutes: { type: 'integer', minimum: 0, maximum: MAX_RECORD_MINUTES },
				description: { type: 'string', maxLength: 500 },
				communityId: idRef
			},
			additionalProperties: false
		},
		reason: { type: 'string', maxLength: 200 }
	},
	required: ['at', 'by', 'change'],
	additionalProperties: false
} as const;

function communityRef(record: ServiceRecord): SubjectRef {
	return { collection: 'directory', id: record.communityId };
}

function activityRef(activityId: string): SubjectRef {
	return { collection: 'activities', id: activityId };
}

/** The member's check-in at a cited activity: one there already makes a missed check-in a double. */
function checkInRef(activityId: string, memberId: string): SubjectRef {
	return { collection: 'attendance', id: attendanceId(activityId, memberId, 'in') };
}

function approvalRef(record: ServiceRecord): SubjectRef {
	return { collection: 'reviews', id: approvalId(record.id, record.submission) };
}

/**
 * The content of a member's record: a real community; a cited activity of that community, not
 * cancelled, whose host branch the record copies (it decides whether the community's step is
 * skipped, so the member cannot choose it). A device missing a document leaves it to the gateway.
 */
function checkContent(
	next: ServiceRecord,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean,
	now: Date
): Verdict {
	if (!(OWN_CATEGORIES as readonly string[]).includes(next.category)) {
		return reject('invalid', 'category');
	}
	if (next.sourceId !== undefined || next.flagged) return reject('server-owned', 'sourceId');
	if (next.minutes < 1) return reject('invalid', 'minutes');
	if (!next.description.trim()) return reject('invalid', 'description');
	if (!isServiceTimeOpen(next.at, now)) return reject('invalid', 'at');
	const community = related(communityRef(next));
	if (community ? community['kind'] !== 'community' : relatedComplete) {
		return reject('subject-mismatch', 'communityId');
	}
	if (next.activityId === undefined) {
		return next.hostBranchId === undefined ? ACCEPT : reject('invalid', 'hostBranchId');
	}
	const activity = related(activityRef(next.activityId));
	if (!activity) return relatedComplete ? reject('subject-mismatch', 'activityId') : ACCEPT;
	if (activity['communityId'] !== next.communityId || activity['cancelled'] === true) {
		return reject('subject-mismatch', 'activityId');
	}
	if (activity['hostBranchId'] !== next.hostBranchId) {
		return reject('subject-mismatch', 'hostBranchId');
	}
	// Checked in there, the member's service is already a record: a correction asks to change it.
	if (related(checkInRef(next.activityId, next.memberId))) {
		return reject('subject-mismatch', 'checked-in');
	}
	return ACCEPT;
}

/** A change adds trail entries after the stored ones, never rewrites them. */
function addedTrail(prev: ServiceRecord, next: ServiceRecord): TrailEntry[] | null {
	if (next.trail.length <= prev.trail.length) return null;
	const kept = next.trail.slice(0, prev.trail.length);
	return JSON.stringify(kept) === JSON.stringify(prev.trail)
		? next.trail.slice(prev.trail.length)
		: null;
}

function sameValues(a: object, b: object): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function checkChange(
	actor: string,
	prev: ServiceRecord,
	next: ServiceRecord,
	approved: boolean
): Verdict {
	const fixed = changedField(prev, next, fixedFields);
	if (fixed) return reject('immutable-field', fixed);
	if (prev.withdrawn) return reject('immutable-field', 'withdrawn');
	const added = addedTrail(prev, next);
	if (!added || added.length !== 1) return reject('invalid', 'trail');
	const [entry] = added as [TrailEntry];
	if (entry.by !== actor) return reject('invalid', 'trail');
	if (next.withdrawn) {
		// Withdrawing takes the record out of the count; the content stays as it was decided.
		if (entry.change !== 'withdrawn' || entry.before !== undefined)
			return reject('invalid', 'trail');
		if (next.submission !== prev.submission || changedField(prev, next, contentFields)) {
			return reject('immutable-field', 'submission');
		}
		return approved ? reject('forbidden', 'approved') : ACCEPT;
	}
	if (entry.change !== 'resubmitted' || !hasText(entry.reason)) return reject('invalid', 'trail');
	if (next.submission !== prev.submission + 1) return reject('immutable-field', 'submission');
	if (!sameValues(entry.before ?? {}, valuesBefore(prev, next))) {
		return reject('invalid', 'trail');
	}
	return ACCEPT;
}

function checkCreation(actor: string, next: ServiceRecord): Verdict {
	const [entry, ...rest] = next.trail;
	if (!entry || rest.length || entry.change !== 'created' || entry.by !== actor) {
		return reject('invalid', 'trail');
	}
	if (entry.before !== undefined) return reject('invalid', 'trail');
	if (next.submission !== 1) return reject('invalid', 'submission');
	return next.withdrawn ? reject('invalid', 'withdrawn') : ACCEPT;
}

export const serviceRecords: KindDefinition<ServiceRecord> = {
	name: 'service-record',
	kindValues: ['service-record'],
	schema: {
		title: 'service-record',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['service-record'] },
			origin: { type: 'string', enum: [...RECORD_ORIGINS] },
			sourceId: compositeId,
			activityId: idRef,
			memberId: idRef,
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			hostBranchId: idRef,
			category: { type: 'string', enum: [...SERVICE_CATEGORIES] },
			at: instant,
			minutes: { type: 'integer', minimum: 0, maximum: MAX_RECORD_MINUTES },
			description: { type: 'string', minLength: 1, maxLength: 500 },
			photos: photoList,
			flagged: { type: 'boolean' },
			withdrawn: { type: 'boolean' },
			submission: submissionField,
			submittedAt: instant,
			trail: { type: 'array', items: trailEntry, maxItems: MAX_TRAIL },
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'origin',
			'memberId',
			'memberName',
			'branchId',
			'orgId',
			'communityId',
			'category',
			'at',
			'minutes',
			'description',
			'photos',
			'submission',
			'submittedAt',
			'trail',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: recordChannels,
	relatedOf: (r) => [
		communityRef(r),
		...(r.activityId ? [activityRef(r.activityId), checkInRef(r.activityId, r.memberId)] : []),
		approvalRef(r)
	],
	filesOf: (r) => r.photos,
	policy: ({ actor, prev, next, deleting, related, relatedComplete, now }) => {
		// The worker writes the records it derives through the store; no device writes them.
		if (next.origin !== 'own' || (prev && prev.origin !== 'own')) return reject('server-owned');
		if (!isMember(actor, next.memberId)) return reject('not-owner');
		// A record's history stays: a member withdraws, never deletes.
		if (deleting) return reject('forbidden');
		if (!isOwnRecordId(next.id, next.memberId)) return reject('invalid', 'id');
		if (!prev) {
			if (next.branchId !== actor.branchId) return reject('immutable-field', 'branchId');
			if (next.orgId !== actor.orgId) return reject('immutable-field', 'orgId');
			const created = checkCreation(actor.username, next);
			if (!created.ok) return created;
			return checkContent(next, related, relatedComplete, now);
		}
		const approval = related(approvalRef(next));
		const change = checkChange(actor.username, prev, next, approval?.['decision'] === 'approved');
		if (!change.ok || next.withdrawn) return change;
		return checkContent(next, related, relatedComplete, now);
	}
};
