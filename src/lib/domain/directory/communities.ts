import { PUBLIC_CHANNEL } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { entityId, idRef, instant } from '../schema/ids';
import { hasRole } from '../access/roles';
import { ACCEPT, reject } from '../access/write-verdict';

/** The community tree: county/city → street (街道) → community (社区). */
export interface Community {
	id: string;
	kind: 'county' | 'street' | 'community';
	name: string;
	parentId?: string;
	updatedAt: string;
	channels: string[];
}

/** Whether a document of the directory is a place of the community tree. */
export function isCommunity(doc: { kind?: unknown }): doc is Community {
	return doc.kind === 'county' || doc.kind === 'street' || doc.kind === 'community';
}

export const communities: KindDefinition<Community> = {
	name: 'community',
	kindValues: ['county', 'street', 'community'],
	schema: {
		title: 'community',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: entityId,
			kind: { type: 'string', enum: ['county', 'street', 'community'] },
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
