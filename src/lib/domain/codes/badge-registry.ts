import type { BadgeTrust } from './badge-token';
import type { BadgeRecord } from './badges';
import { isRevokedBy, type Revocation } from './revocations';

/**
 * The badge data a device holds (or the gateway loads for a check-in): the directory's issuer
 * keys and the badge entries it may see, and the revocation list.
 */
export interface HeldBadges {
	records: readonly BadgeRecord[];
	revocations: readonly Revocation[];
}

export const NO_BADGES: HeldBadges = { records: [], revocations: [] };

/** The trust `checkBadgeToken` needs, from the badge data at hand. */
export function badgeTrustOf({ records, revocations }: HeldBadges): BadgeTrust {
	const issuers = new Map<string, string>();
	for (const record of records) {
		if (record.kind === 'issuer' && record.keyId && record.publicKey && !record.retiredAt) {
			issuers.set(record.keyId, record.publicKey);
		}
	}
	const revoked = new Map(revocations.map((entry) => [entry.memberId, entry]));
	return {
		issuerKey: (keyId) => issuers.get(keyId) ?? null,
		isRevoked: (memberId, serial) => isRevokedBy(revoked.get(memberId) ?? null, serial)
	};
}
