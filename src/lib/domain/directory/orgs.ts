import { PUBLIC_CHANNEL } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { entityId, idRef, instant } from '../schema/ids';
import { isOfficeOf } from '../access/roles';
import { ACCEPT, reject } from '../access/write-verdict';

/** A party organisation: the bureau (党委/机关) or one of its branches (党支部). */
export interface Org {
	id: string;
	kind: 'bureau' | 'branch';
	name: string;
	/** For a branch: its bureau. */
	parentId?: string;
	/** For a branch: the community it is assigned to (联系社区). */
	linkedCommunityId?: string;
	/** For a branch: its secretary, the liaison to the linked community. */
	secretaryMemberId?: string;
	/** For a bureau: how its members' service time is rounded (default: down to quarter hours). */
	serviceRounding?: { stepMinutes: number; mode: 'down' | 'nearest' | 'up' };
	updatedAt: string;
	channels: string[];
}

/** Whether a document of the directory is a party organisation. */
export function isOrg(doc: { kind?: unknown }): doc is Org {
	return doc.kind === 'bureau' || doc.kind === 'branch';
}

export const orgs: KindDefinition<Org> = {
	name: 'org',
	kindValues: ['bureau', 'branch'],
	schema: {
		title: 'party organisation',
		// 1: `serviceRounding` added (devices migrate their stored organisations unchanged).
		version: 1,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: entityId,
			kind: { type: 'string', enum: ['bureau', 'branch'] },
			name: { type: 'string', minLength: 1, maxLength: 100 },
			parentId: idRef,
			linkedCommunityId: idRef,
			secretaryMemberId: idRef,
			serviceRounding: {
				type: 'object',
				properties: {
					stepMinutes: { type: 'integer', minimum: 1, maximum: 60 },
					mode: { type: 'string', enum: ['down', 'nearest', 'up'] }
				},
				required: ['stepMinutes', 'mode'],
				additionalProperties: false
			},
			updatedAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'name', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	// Reference data: every signed-in person of the bureau may see the organisation tree.
	channelsOf: () => [PUBLIC_CHANNEL],
	policy: ({ actor, prev, next }) => {
		const bureauOf = (org: Org) => (org.kind === 'bureau' ? org.id : (org.parentId ?? ''));
		if (!isOfficeOf(actor, bureauOf(next))) return reject('forbidden');
		if (prev && !isOfficeOf(actor, bureauOf(prev))) return reject('forbidden');
		return ACCEPT;
	}
};
