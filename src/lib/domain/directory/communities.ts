import { PUBLIC_CHANNEL } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { entityId, idRef, instant } from '../schema/ids';
import { hasRole } from '../access/roles';
import { ACCEPT, reject } from '../access/write-verdict';

/**
 * The community tree shared by every bureau of a deployment: city (市/州) → county (区/县) →
 * street (街道/乡镇) → community (社区). Trees made before cities were kept start at a county.
 */
export const COMMUNITY_KINDS = ['city', 'county', 'street', 'community'] as const;

export interface Community {
	id: string;
	kind: (typeof COMMUNITY_KINDS)[number];
	name: string;
	parentId?: string;
	updatedAt: string;
	channels: string[];
}

/** Whether a document of the directory is a place of the community tree. */
export function isCommunity(doc: { kind?: unknown }): doc is Community {
	return (COMMUNITY_KINDS as readonly unknown[]).includes(doc.kind);
}

export const communities: KindDefinition<Community> = {
	name: 'community',
	kindValues: COMMUNITY_KINDS,
	schema: {
		title: 'community',
		// 1: the `city` level above counties (stored places migrate unchanged).
		version: 1,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: entityId,
			kind: { type: 'string', enum: [...COMMUNITY_KINDS] },
			name: { type: 'string', minLength: 1, maxLength: 100 },
			parentId: idRef,
			updatedAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'name', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: () => [PUBLIC_CHANNEL],
	// The organisation office keeps the community tree it coordinates with.
	policy: ({ actor }) => (hasRole(actor, 'office') ? ACCEPT : reject('forbidden'))
};
