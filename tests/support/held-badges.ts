import { badgeTrustOf, type HeldBadges } from '../../src/lib/domain/codes/badge-registry';
import type { BadgeTrust } from '../../src/lib/domain/codes/badge-token';
import { isBadgeRecord } from '../../src/lib/domain/codes/badges';
import { isRevocation } from '../../src/lib/domain/codes/revocations';
import type { TestDevice } from './test-device';

/** The badge data a device holds, as the app's `heldBadges` reads it from the replica. */
export async function heldBadgesOn(device: TestDevice): Promise<HeldBadges> {
	const [directory, credentials] = await Promise.all([
		device.find('directory'),
		device.find('credentials')
	]);
	return {
		records: directory.filter(isBadgeRecord),
		revocations: credentials.filter(isRevocation)
	};
}

/** What a kiosk trusts: the issuer keys and the revocation list replicated to it. */
export async function badgeTrustOn(device: TestDevice): Promise<BadgeTrust> {
	return badgeTrustOf(await heldBadgesOn(device));
}
