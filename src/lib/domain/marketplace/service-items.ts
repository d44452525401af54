import { channel, inYear, normalizeChannels } from '../access/channels';
import { isSecretaryOf, isStaffOf, type Actor } from '../access/roles';
import { ACCEPT, changedField, reject } from '../access/write-verdict';
import { recordYear } from '../calendar/shanghai-calendar';
import { ENTITY_ID_MAX, idRef, instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';

/**
 * What a community publishes for members to take on (R15, R16, R19): a service project, a
 * standing post, a resident's need recorded by staff, or a resident's micro-wish. Kept in the
 * `activities` collection (the plan's collection 7), told apart by `kind`.
 */
export const ITEM_KINDS = ['project', 'post', 'need', 'micro-wish'] as const;
/** 服务项目 · 服务岗位 · 居民需求 · 微心愿 */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Published and claimable; closed to new claims; cancelled. Items are never deleted. */
export type ItemState = 'open' | 'closed' | 'cancelled';

export const URGENCIES = ['normal', 'soon', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** One weekly shift of a post: a weekday (1 = Monday … 7 = Sunday) and Shanghai clock times. */
export interface Shift {
	weekday: number;
	/** `HH:MM`, Asia/Shanghai. */
	start: string;
	end: string;
}

export interface ServiceItem {
	id: string;
	kind: ItemKind;
	communityId: string;
	/** Set when a branch secretary publishes for the branch's linked community. */
	branchId?: string;
	title: string;
	description: string;
	/** Skills wanted: vocabulary codes (profile-vocabulary.ts) or words, as members' tags are. */
	skills: string[];
	/** Professional fields wanted, same kind of tags. */
	fields: string[];
	/** A need's category (vocabulary code of the need categories, or words). */
	category?: string;
	/** A need's urgency. */
	urgency?: Urgency;
	/**
	 * When the service starts (project: its date and time; post: its first day); a need or a
	 * micro-wish starts when published. Claims are made until the item starts or, for a need or
	 * micro-wish, until its deadline; done is marked only after it started.
	 */
	startsAt: string;
	/** Project: when it ends. Need or micro-wish: its deadline. Post: its last day, if any. */
	endsAt?: string;
	/** Free text of a schedule, e.g. 每周六上午. */
	schedule?: string;
	/** A post's weekly shifts; places are per shift when it has any. */
	shifts?: Shift[];
	place?: string;
	/** Places in all, or per shift of a post with shifts. */
	places: number;
	/** The community's contact person for a project or post (not a resident). */
	contactName?: string;
	contactPhone?: string;
	/** A micro-wish's picture: the SHA-256 (hex) of a file uploaded beside the document. */
	photo?: string;
	/** A micro-wish's budget cap, in yuan. */
	budgetYuan?: number;
	state: ItemState;
	createdBy: string;
	createdAt: string;
	updatedAt: string;
	channels: string[];
}

/** Most places an item offers (per shift of a post), most shifts of a post. */
export const MAX_PLACES = 500;
export const MAX_SHIFTS = 14;
/** Most skills or fields an item asks for. */
export const MAX_ITEM_TAGS = 10;
/** A micro-wish is small: its budget cap stays within what one member gives. */
export const MAX_BUDGET_YUAN = 5000;

/** Fields fixed once the item exists: claims, channels and the publisher's right rest on them. */
const fixedFields = ['kind', 'communityId', 'branchId', 'createdBy', 'createdAt'] as const;

const clock = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5 } as const;
const itemTags = {
	type: 'array',
	items: { type: 'string', minLength: 1, maxLength: 40 },
	maxItems: MAX_ITEM_TAGS
} as const;

export function isServiceItem(doc: { kind?: unknown }): doc is ServiceItem {
	return ITEM_KINDS.some((kind) => kind === doc.kind);
}

/**
 * Who reaches an item, in the Shanghai year it was published: the community's staff, and the
 * members who report to the community (residence or their branch's), whose branches' secretaries
 * hold that channel too.
 */
export function itemChannels(item: Pick<ServiceItem, 'communityId' | 'createdAt'>): string[] {
	return itemChannelsInYear(item.communityId, recordYear(item.createdAt));
}

/** An item's channels from its community and year: what the server's notes about it carry too. */
export function itemChannelsInYear(communityId: string, year: number): string[] {
	return normalizeChannels(
		[channel.community(communityId), channel.communityMembers(communityId)].map((base) =>
			inYear(base, year)
		)
	);
}

/**
 * Community staff publish in their community; a branch secretary publishes for the branch's
 * linked community (`branch` is the branch's directory entry, as the checking side holds it).
 */
export function mayPublish(
	actor: Actor,
	item: Pick<ServiceItem, 'communityId' | 'branchId'>,
	branch: Record<string, unknown> | null
): boolean {
	if (isStaffOf(actor, item.communityId)) return true;
	return (
		!!item.branchId &&
		isSecretaryOf(actor, item.branchId) &&
		branch?.['linkedCommunityId'] === item.communityId
	);
}

function minutesOf(clockTime: string): number {
	const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
	return hours * 60 + minutes;
}

/** The first field of an item that does not fit its kind, or null. */
export function itemShapeProblem(item: ServiceItem): string | null {
	const starts = Date.parse(item.startsAt);
	if (Number.isNaN(starts)) return 'startsAt';
	if (item.endsAt !== undefined && !(Date.parse(item.endsAt) > starts)) return 'endsAt';
	// A project has an end, a micro-wish a deadline.
	if ((item.kind === 'project' || item.kind === 'micro-wish') && item.endsAt === undefined) {
		return 'endsAt';
	}
	if (item.shifts && (item.kind !== 'post' || item.shifts.length === 0)) return 'shifts';
	if (item.shifts?.some((shift) => minutesOf(shift.end) <= minutesOf(shift.start))) {
		return 'shifts';
	}
	if ((item.category !== undefined || item.urgency !== undefined) && item.kind !== 'need') {
		return 'category';
	}
	if ((item.photo !== undefined || item.budgetYuan !== undefined) && item.kind !== 'micro-wish') {
		return 'photo';
	}
	return null;
}

export const serviceItems: KindDefinition<ServiceItem> = {
	name: 'service-item',
	kindValues: ITEM_KINDS,
	schema: {
		title: 'service item',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			// Made on the device; no dot, so the ids built on it (`<id>.tally`, `cl.<id>.…`) parse.
			id: { type: 'string', pattern: '^it-[A-Za-z0-9_-]{1,37}$', maxLength: ENTITY_ID_MAX },
			kind: { type: 'string', enum: [...ITEM_KINDS] },
			communityId: idRef,
			branchId: idRef,
			// As the activity kind has them: kinds of one collection define a field alike.
			title: { type: 'string', minLength: 1, maxLength: 100 },
			description: { type: 'string', maxLength: 2000 },
			skills: itemTags,
			fields: itemTags,
			category: { type: 'string', minLength: 1, maxLength: 40 },
			urgency: { type: 'string', enum: [...URGENCIES] },
			startsAt: instant,
			endsAt: instant,
			schedule: { type: 'string', maxLength: 100 },
			shifts: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						weekday: { type: 'integer', minimum: 1, maximum: 7 },
						start: clock,
						end: clock
					},
					required: ['weekday', 'start', 'end'],
					additionalProperties: false
				},
				maxItems: MAX_SHIFTS
			},
			place: { type: 'string', minLength: 1, maxLength: 100 },
			places: { type: 'integer', minimum: 1, maximum: MAX_PLACES },
			contactName: { type: 'string', minLength: 1, maxLength: 50 },
			contactPhone: { type: 'string', pattern: '^[0-9+() -]{5,20}$', maxLength: 20 },
			photo: { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 },
			budgetYuan: { type: 'integer', minimum: 0, maximum: MAX_BUDGET_YUAN },
			state: { type: 'string', enum: ['open', 'closed', 'cancelled'] },
			createdBy: { type: 'string', minLength: 1, maxLength: 64 },
			createdAt: instant,
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'communityId',
			'title',
			'description',
			'skills',
			'fields',
			'startsAt',
			'places',
			'state',
			'createdBy',
			'createdAt',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: itemChannels,
	subjectOf: (item) => (item.branchId ? { collection: 'directory', id: item.branchId } : null),
	filesOf: (item) => (item.photo ? [item.photo] : []),
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (deleting) return reject('append-only', 'cancel instead');
		if (!mayPublish(actor, next, subject)) {
			// A secretary's item must be for the community her branch is linked to.
			return next.branchId && isSecretaryOf(actor, next.branchId)
				? reject('subject-mismatch', 'communityId')
				: reject('forbidden');
		}
		if (prev) {
			const field = changedField(prev, next, fixedFields);
			if (field) return reject('immutable-field', field);
			if (prev.state === 'cancelled') return reject('forbidden', 'item-cancelled');
		} else if (next.createdBy !== actor.username) return reject('not-owner');
		const problem = itemShapeProblem(next);
		return problem ? reject('invalid', problem) : ACCEPT;
	}
};
