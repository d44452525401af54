import type { BadgeTrust } from './badge-token';
import type { BadgeRecord } from './badges';

/** The badge registry a device (or the gateway) holds, as the trust `checkBadgeToken` needs. */
export function badgeTrustOf(records: readonly BadgeRecord[]): BadgeTrust {
	const issuers = new Map<string, string>();
	const serials = new Map<string, number>();
	for (const record of records) {
		if (record.kind === 'issuer' && record.keyId && record.publicKey && !record.retiredAt) {
			issuers.set(record.keyId, record.publicKey);
		}
		if (record.kind === 'badge' && record.memberId && record.serial && !record.revoked) {
			serials.set(record.memberId, record.serial);
		}
	}
	return {
		issuerKey: (keyId) => issuers.get(keyId) ?? null,
		currentSerial: (memberId) => serials.get(memberId) ?? null
	};
}
