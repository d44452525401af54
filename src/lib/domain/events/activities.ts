import { channel, inYear, normalizeChannels } from '../access/channels';
import { recordYear } from '../calendar/shanghai-calendar';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { entityId, idRef, instant } from '../schema/ids';
import { isSecretaryOf, isStaffOf, type Actor } from '../access/roles';
import { ACCEPT, changedField, reject } from '../access/write-verdict';

export const ACTIVITY_TYPES = [
	'volunteer',
	'lecture',
	'community',
	'ethnic-unity',
	'party-day',
	'emergency',
	'joint-meeting'
] as const;

/** 志愿服务 · 宣讲 · 社区活动 · 民族团结联谊活动 · "党旗映天山"主题党日 · 应急 · 联席会议 */
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * Activities that are governance, not service: a joint meeting (联席会议) of a branch and its
 * community (R7). Members check in as at any activity, but the check-in is no service record and
 * counts toward no points or yearly duty.
 */
export const GOVERNANCE_TYPES = ['joint-meeting'] as const satisfies readonly ActivityType[];
export type GovernanceType = (typeof GOVERNANCE_TYPES)[number];
export type ServiceActivityType = Exclude<ActivityType, GovernanceType>;

/** Whether checking in at the activity is service (a record, points, R16/R8 counts). */
export function isServiceActivity<A extends Pick<Activity, 'type'>>(
	activity: A
): activity is A & { type: ServiceActivityType } {
	return !(GOVERNANCE_TYPES as readonly ActivityType[]).includes(activity.type);
}

/** Who is expected: the whole host branch (R8 activities), or whoever signs up. */
export type Expected = 'branch' | 'signup';

/**
 * An event in a community. It reaches the people it is for (`activityChannels`), whose devices
 * verify its rotating check-in codes with `publicKey`; the matching secret key travels only to the
 * organisers (a `credentials` document).
 */
export interface Activity {
	id: string;
	type: ActivityType;
	title: string;
	communityId: string;
	/** The branch holding it in its linked community; absent for the community's own activities. */
	hostBranchId?: string;
	place: string;
	startsAt: string;
	endsAt: string;
	capacity?: number;
	expected: Expected;
	/** Usernames who run check-in; the creator is always one. */
	organisers: string[];
	/** For a lecture (宣讲): the members giving it (R16). */
	speakers?: string[];
	/** Ed25519 public key (hex) that verifies the activity's check-in codes. */
	publicKey: string;
	createdBy: string;
	cancelled?: boolean;
	updatedAt: string;
	channels: string[];
}

/**
 * Whether a document of the `activities` collection is an activity: activities came first and
 * have no `kind` field; the service items and tallies kept beside them have one.
 */
export function isActivity(doc: object): doc is Activity {
	return !('kind' in doc);
}

/** Longest activity: a check-in belongs to one activity on one day. */
export const MAX_ACTIVITY_HOURS = 16;
/** Most places an activity offers. */
export const MAX_CAPACITY = 10_000;
/** Most organisers an activity names, its creator included, and most speakers. */
export const MAX_ORGANISERS = 10;
export const MAX_SPEAKERS = 10;
/** Longest username an activity names (organiser or creator). */
export const MAX_USERNAME_LENGTH = 64;

/** Fields fixed once the activity exists: moving it would re-key the codes and the attendance. */
const fixedFields = ['communityId', 'hostBranchId', 'publicKey', 'createdBy', 'type'] as const;

/** Community staff run activities in their community; a secretary runs them for the branch. */
export function mayOrganiseIn(
	actor: Actor,
	activity: Pick<Activity, 'communityId' | 'hostBranchId'>
): boolean {
	return activity.hostBranchId
		? isSecretaryOf(actor, activity.hostBranchId) || isStaffOf(actor, activity.communityId)
		: isStaffOf(actor, activity.communityId);
}

/** What is wrong with an activity's times: it ends before it starts, or lasts too long. */
export function lengthProblem(
	activity: Pick<Activity, 'startsAt' | 'endsAt'>
): 'ends-first' | 'too-long' | null {
	const length = Date.parse(activity.endsAt) - Date.parse(activity.startsAt);
	// An unreadable time (the schema's pattern admits 25:00) makes NaN, which must not pass.
	if (!(length > 0)) return 'ends-first';
	return length > MAX_ACTIVITY_HOURS * 3_600_000 ? 'too-long' : null;
}

export function durationProblem(activity: Pick<Activity, 'startsAt' | 'endsAt'>): string | null {
	return lengthProblem(activity) ? 'endsAt' : null;
}

/** Whether the activity is over: its end has passed. */
export function hasEnded(activity: Pick<Activity, 'endsAt'>, now: Date): boolean {
	return Date.parse(activity.endsAt) < now.getTime();
}

/**
 * Who an activity reaches, in the year it starts (closed years leave devices): the community's
 * staff and its organisers; a branch's activity its secretary and members; a community's own
 * activity the members who report to that community. Never the whole deployment.
 */
export function activityChannels(
	activity: Pick<Activity, 'communityId' | 'hostBranchId' | 'organisers' | 'startsAt'>
): string[] {
	const year = recordYear(activity.startsAt);
	const audience = activity.hostBranchId
		? [channel.branch(activity.hostBranchId), channel.branchMembers(activity.hostBranchId)]
		: [channel.communityMembers(activity.communityId)];
	return normalizeChannels(
		[
			channel.community(activity.communityId),
			...audience,
			...activity.organisers.map((username) => channel.user(username))
		].map((base) => inYear(base, year))
	);
}

export const activities: KindDefinition<Activity> = {
	name: 'activity',
	schema: {
		title: 'activity',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: entityId,
			type: { type: 'string', enum: [...ACTIVITY_TYPES] },
			title: { type: 'string', minLength: 1, maxLength: 100 },
			communityId: idRef,
			hostBranchId: idRef,
			place: { type: 'string', minLength: 1, maxLength: 100 },
			startsAt: instant,
			endsAt: instant,
			capacity: { type: 'integer', minimum: 1, maximum: MAX_CAPACITY },
			expected: { type: 'string', enum: ['branch', 'signup'] },
			organisers: {
				type: 'array',
				items: { type: 'string', minLength: 1, maxLength: MAX_USERNAME_LENGTH },
				minItems: 1,
				maxItems: MAX_ORGANISERS
			},
			speakers: { type: 'array', items: idRef, maxItems: MAX_SPEAKERS },
			publicKey: { type: 'string', pattern: '^[0-9a-f]{64}$' },
			createdBy: { type: 'string', minLength: 1, maxLength: MAX_USERNAME_LENGTH },
			cancelled: { type: 'boolean' },
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'type',
			'title',
			'communityId',
			'place',
			'startsAt',
			'endsAt',
			'expected',
			'organisers',
			'publicKey',
			'createdBy',
			'updatedAt',
			'channels'
		],
		additionalProperties: false,
		indexes: ['communityId']
	},
	channelsOf: activityChannels,
	subjectOf: (a) => (a.hostBranchId ? { collection: 'directory', id: a.hostBranchId } : null),
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (deleting) return reject('append-only', 'cancel instead');
		if (!mayOrganiseIn(actor, next)) return reject('forbidden');
		if (prev) {
			if (!mayOrganiseIn(actor, prev)) return reject('forbidden');
			const field = changedField(prev, next, fixedFields);
			if (field) return reject('immutable-field', field);
		} else if (next.createdBy !== actor.username) return reject('not-owner');
		if (!next.organisers.includes(next.createdBy)) return reject('invalid', 'organisers');
		if (durationProblem(next)) return reject('invalid', 'endsAt');
		if (next.expected === 'branch' && !next.hostBranchId) return reject('invalid', 'expected');
		// A branch's activities take place in its linked community (R8).
		if (next.hostBranchId && subject?.['linkedCommunityId'] !== next.communityId) {
			return reject('subject-mismatch', 'communityId');
		}
		return ACCEPT;
	}
};
