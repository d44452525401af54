import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { publicKeyOf } from './ed25519-signing';
import { ACCEPT, changedField, reject } from '../access/write-verdict';
import { mayOrganiseIn, type Activity } from '../events/activities';
import type { SubjectRef } from '../schema/subject-ref';

/**
 * Secrets that let their holder prove something, each replicated to its holders only: a member's
 * badge (`badge.<memberId>`, issued by the server, to the member: the token, its typed code and
 * the badge's own secret key, which signs what the phone shows) and an activity's code signing
 * key (`activity.<activityId>`, made by the organiser's device, to the organisers).
 */
export interface Credential {
	id: string;
	kind: 'badge' | 'activity-key';
	memberId?: string;
	token?: string;
	shortCode?: string;
	serial?: number;
	activityId?: string;
	communityId?: string;
	hostBranchId?: string;
	organisers?: string[];
	/**
	 * Ed25519 secret key (hex): the activity's (its public half is on the activity), or the
	 * badge's (its public half is in the token).
	 */
	secretKey?: string;
	publicKey?: string;
	createdBy?: string;
	updatedAt: string;
	channels: string[];
}

function activityOf(activityId: string): SubjectRef {
	return { collection: 'activities', id: activityId };
}

export function badgeCredentialId(memberId: string): string {
	return `badge.${memberId}`;
}

export function activityKeyId(activityId: string): string {
	return `activity.${activityId}`;
}

/** Whether a document of `credentials` is a secret (badge or activity key), not a revocation. */
export function isCredential(doc: { kind?: unknown }): doc is Credential {
	return doc.kind === 'badge' || doc.kind === 'activity-key';
}

const hexKey = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const fixedFields = [
	'activityId',
	'communityId',
	'hostBranchId',
	'secretKey',
	'createdBy'
] as const;

export const credentials: KindDefinition<Credential> = {
	name: 'credential',
	kindValues: ['badge', 'activity-key'],
	schema: {
		title: 'credential',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['badge', 'activity-key'] },
			memberId: idRef,
			token: { type: 'string', maxLength: 600 },
			// Twelve characters; eight on badges issued before codes were lengthened.
			shortCode: { type: 'string', pattern: '^([0-9A-Z]{8}|[0-9A-Z]{12})$' },
			serial: { type: 'integer', minimum: 1 },
			activityId: idRef,
			communityId: idRef,
			hostBranchId: idRef,
			organisers: {
				type: 'array',
				items: { type: 'string', minLength: 1, maxLength: 64 },
				minItems: 1,
				maxItems: 10
			},
			secretKey: hexKey,
			publicKey: hexKey,
			createdBy: { type: 'string', minLength: 1, maxLength: 64 },
			updatedAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (c) =>
		c.kind === 'badge'
			? [channel.member(c.memberId ?? '')]
			: normalizeChannels((c.organisers ?? []).map((username) => channel.user(username))),
	// The gateway reads the activity whoever pushes: only its creator may hand out its secret.
	relatedOf: (c) => (c.kind === 'activity-key' && c.activityId ? [activityOf(c.activityId)] : []),
	// Badges are the server's to issue; a device writes only the signing key of an activity it runs.
	policy: ({ actor, prev, next, deleting, related }) => {
		if (next.kind !== 'activity-key') return reject('server-owned');
		if (deleting) return reject('append-only');
		const { activityId, communityId, organisers, secretKey } = next;
		if (!activityId || !communityId || !organisers || !secretKey) return reject('invalid', 'key');
		if (next.id !== activityKeyId(activityId)) return reject('invalid', 'id');
		if (next.publicKey !== publicKeyOf(secretKey)) return reject('invalid', 'publicKey');
		const scope = next.hostBranchId
			? { communityId, hostBranchId: next.hostBranchId }
			: { communityId };
		if (!mayOrganiseIn(actor, scope)) return reject('forbidden');
		// A key for an activity the server does not hold yet, or someone else's, is refused alike:
		// the answer must not tell a squatter whether the activity exists (its creator's device
		// pushes the activity first and keeps its own copy of the secret, activity-keys.ts).
		const activity = related(activityOf(activityId)) as Activity | null;
		if (
			!activity ||
			activity.createdBy !== actor.username ||
			activity.publicKey !== next.publicKey ||
			activity.communityId !== communityId ||
			activity.hostBranchId !== next.hostBranchId
		) {
			return reject('forbidden', 'activity');
		}
		if (prev) {
			const field = changedField(prev, next, fixedFields);
			if (field) return reject('immutable-field', field);
		} else if (next.createdBy !== actor.username) return reject('not-owner');
		if (!next.createdBy || !organisers.includes(next.createdBy))
			return reject('invalid', 'organisers');
		return ACCEPT;
	}
};
