import { PUBLIC_CHANNEL } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';

/**
 * The public badge registry, written by the server only: issuer public keys (`issuer.<keyId>`) and
 * each member's current badge serial (`badge.<memberId>`). Every device holds it, so a kiosk
 * verifies a badge and notices a revoked one offline.
 */
export interface BadgeRecord {
	id: string;
	kind: 'issuer' | 'badge';
	/** Issuer: the key's id and Ed25519 public key (hex); retired keys no longer verify. */
	keyId?: string;
	publicKey?: string;
	retiredAt?: string;
	/** Badge: whose, which serial is current, and the digest of its typed code. */
	memberId?: string;
	serial?: number;
	shortCodeDigest?: string;
	/** Set when the member left the scheme: no badge of theirs is valid. */
	revoked?: boolean;
	issuedAt: string;
	channels: string[];
}

export function issuerRecordId(keyId: string): string {
	return `issuer.${keyId}`;
}

export function badgeRecordId(memberId: string): string {
	return `badge.${memberId}`;
}

/** Whether a document of the directory is an entry of the badge registry. */
export function isBadgeRecord(doc: { kind?: unknown }): doc is BadgeRecord {
	return doc.kind === 'issuer' || doc.kind === 'badge';
}

export const badges: KindDefinition<BadgeRecord> = {
	name: 'badge-registry',
	kindValues: ['issuer', 'badge'],
	schema: {
		title: 'badge registry',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['issuer', 'badge'] },
			keyId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,16}$' },
			publicKey: { type: 'string', pattern: '^[0-9a-f]{64}$' },
			retiredAt: instant,
			memberId: idRef,
			serial: { type: 'integer', minimum: 1 },
			shortCodeDigest: { type: 'string', pattern: '^[0-9a-f]{64}$' },
			revoked: { type: 'boolean' },
			issuedAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'issuedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: () => [PUBLIC_CHANNEL],
	policy: null
};
