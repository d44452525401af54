import { channel } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';

/**
 * The badge revocation list, written by the server only and held by whoever may scan badges
 * (`scanners`: community staff and branch secretaries), so a kiosk refuses a revoked badge
 * offline. Small by design: an entry exists only for a member whose badge was reissued or
 * withdrawn, never one per member.
 */
export interface Revocation {
	id: string;
	kind: 'revocation';
	memberId: string;
	/**
	 * Every badge of the member with a lower serial is revoked. A reissue sets it to the new
	 * badge's serial; a withdrawal (the member left) to one above the last serial issued, so no
	 * badge of theirs is valid until a new one is issued.
	 */
	belowSerial: number;
	updatedAt: string;
	channels: string[];
}

export function revocationId(memberId: string): string {
	return `revocation.${memberId}`;
}

export function isRevocation(doc: { kind?: unknown }): doc is Revocation {
	return doc.kind === 'revocation';
}

/** Whether a badge of this serial is revoked by the member's entry (none: nothing revoked). */
export function isRevokedBy(revocation: Pick<Revocation, 'belowSerial'> | null, serial: number) {
	return revocation !== null && serial < revocation.belowSerial;
}

/** The member's entry revoking every badge below `belowSerial`, as the server writes it. */
export function revocationEntry(memberId: string, belowSerial: number, at: Date): Revocation {
	const entry: Revocation = {
		id: revocationId(memberId),
		kind: 'revocation',
		memberId,
		belowSerial,
		updatedAt: at.toISOString(),
		channels: []
	};
	return { ...entry, channels: revocations.channelsOf(entry) };
}

export const revocations: KindDefinition<Revocation> = {
	name: 'revocation',
	kindValues: ['revocation'],
	schema: {
		title: 'badge revocation',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['revocation'] },
			memberId: idRef,
			belowSerial: { type: 'integer', minimum: 2 },
			updatedAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'memberId', 'belowSerial', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: () => [channel.scanners()],
	policy: null
};
