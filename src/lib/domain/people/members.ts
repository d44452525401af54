import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { entityId, idRef, instant } from '../schema/ids';
import { isMember, isOfficeOf } from '../access/roles';
import { ACCEPT, changedField, reject } from '../access/write-verdict';

/** When a member is free to serve, in Asia/Shanghai: weekdays before 18:00, from 18:00, weekends. */
export const AVAILABILITIES = ['weekday-daytime', 'weekday-evening', 'weekend'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/**
 * A party member's profile. Contact details (phone, ID number) are kept apart in `contacts`,
 * which replicates to fewer people.
 */
export interface Member {
	id: string;
	orgId: string;
	branchId: string;
	name: string;
	residenceCommunityId?: string;
	/** Tags from the controlled vocabulary (profile-vocabulary.ts) or the member's own words. */
	skills: string[];
	professions?: string[];
	background?: string;
	interests: string[];
	/** When the member is free to serve; the marketplace ranks items that fit it first. */
	availability?: Availability[];
	/** Duties in the scheme, e.g. 'secretary' (支部书记), 'committee' (社区党组织兼职委员). */
	duties: string[];
	updatedAt: string;
	channels: string[];
}

const tagList = { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 30 } as const;

/** Fields only the organisation office sets: who belongs where and in which duty. */
const officeFields = ['orgId', 'branchId', 'duties'] as const;

export const members: KindDefinition<Member> = {
	name: 'member',
	schema: {
		title: 'member profile',
		// 1: the member's free time (`availability`); stored profiles migrate unchanged.
		version: 1,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: entityId,
			orgId: idRef,
			branchId: idRef,
			name: { type: 'string', minLength: 1, maxLength: 50 },
			residenceCommunityId: idRef,
			skills: tagList,
			professions: tagList,
			background: { type: 'string', maxLength: 500 },
			interests: tagList,
			availability: {
				type: 'array',
				items: { type: 'string', enum: [...AVAILABILITIES] },
				maxItems: AVAILABILITIES.length,
				uniqueItems: true
			},
			duties: tagList,
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'orgId',
			'branchId',
			'name',
			'skills',
			'interests',
			'duties',
			'updatedAt',
			'channels'
		],
		additionalProperties: false,
		indexes: ['branchId']
	},
	channelsOf: (m) =>
		normalizeChannels([
			channel.member(m.id),
			channel.branch(m.branchId),
			channel.bureau(m.orgId),
			...(m.residenceCommunityId ? [channel.community(m.residenceCommunityId)] : [])
		]),
	policy: ({ actor, prev, next, deleting }) => {
		if (isOfficeOf(actor, next.orgId) && (!prev || isOfficeOf(actor, prev.orgId))) return ACCEPT;
		if (!isMember(actor, next.id)) return reject('not-owner');
		// A member edits their own profile; it is created, moved or removed by the office.
		if (!prev || deleting) return reject('forbidden');
		const field = changedField(prev, next, officeFields);
		return field ? reject('immutable-field', field) : ACCEPT;
	}
};
