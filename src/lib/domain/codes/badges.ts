import { channel, normalizeChannels, PUBLIC_CHANNEL } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';

/**
 * The badge registry in the directory, written by the server only: issuer public keys
 * (`issuer.<keyId>`, public and few, so every device verifies a badge's signature offline) and
 * each member's current badge (`badge.<memberId>`: serial and the digest of its typed code),
 * which reaches only the member and their branch's secretary — the one who types codes in for
 * the branch. Revoked badges are listed apart, for whoever scans (`revocations.ts`).
 */
export interface BadgeRecord {
	id: string;
	kind: 'issuer' | 'badge';
	/** Issuer: the key's id and Ed25519 public key (hex); retired keys no longer verify. */
	keyId?: string;
	publicKey?: string;
	retiredAt?: string;
	/** Badge: whose, in which branch when issued, which serial is current, its typed code's digest. */
	memberId?: string;
	branchId?: string;
	serial?: number;
	shortCodeDigest?: string;
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
		// 1: badge entries carry `branchId` (and lost the never-written `revoked`).
		version: 1,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['issuer', 'badge'] },
			keyId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,16}$' },
			publicKey: { type: 'string', pattern: '^[0-9a-f]{64}$' },
			retiredAt: instant,
			memberId: idRef,
			branchId: idRef,
			serial: { type: 'integer', minimum: 1 },
			shortCodeDigest: { type: 'string', pattern: '^[0-9a-f]{64}$' },
			issuedAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'issuedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (record) =>
		record.kind === 'issuer'
			? [PUBLIC_CHANNEL]
			: normalizeChannels([
					channel.member(record.memberId ?? ''),
					...(record.branchId ? [channel.branch(record.branchId)] : [])
				]),
	policy: null
};
