import { PUBLIC_CHANNEL } from '../access/channels';
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
	'emergency'
] as const;

/** 志愿服务 · 宣讲 · 社区活动 · 民族团结联谊活动 · "党旗映天山"主题党日 · 应急 */
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Who is expected: the whole host branch (R8 activities), or whoever signs up. */
export type Expected = 'branch' | 'signup';

/**
 * An event in a community. Public, so every member can see what they may join and every device can
 * verify the activity's rotating check-in codes with `publicKey`; the matching secret key travels
 * only to the organisers (a `credentials` document).
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

/** Longest activity: a check-in belongs to one activity on one day. */
export const MAX_ACTIVITY_HOURS = 16;

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

export function durationProblem(activity: Pick<Activity, 'startsAt' | 'endsAt'>): string | null {
	const length = Date.parse(activity.endsAt) - Date.parse(activity.startsAt);
	if (!(length > 0)) return 'endsAt';
	return length > MAX_ACTIVITY_HOURS * 3_600_000 ? 'endsAt' : null;
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
			capacity: { type: 'integer', minimum: 1, maximum: 10000 },
			expected: { type: 'string', enum: ['branch', 'signup'] },
			organisers: {
				type: 'array',
				items: { type: 'string', minLength: 1, maxLength: 64 },
				minItems: 1,
				maxItems: 10
			},
			speakers: { type: 'array', items: idRef, maxItems: 10 },
			publicKey: { type: 'string', pattern: '^[0-9a-f]{64}$' },
			createdBy: { type: 'string', minLength: 1, maxLength: 64 },
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
	channelsOf: () => [PUBLIC_CHANNEL],
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
