import { combineLatest, map, type Observable } from 'rxjs';
import type { HeldBadges } from '../domain/codes/badge-registry';
import { isRevocation } from '../domain/codes/revocations';
import type { CredentialsDoc } from '../domain/registry';
import type { BaodaoDatabase } from './database';
import { badgeRecords } from './directory';
import { plainDocs } from './plain-docs';

/**
 * The badge data this device holds, live: issuer keys and the badge entries it may see (its own;
 * a secretary's, the branch's) from the directory, and the revocation list (scanners' devices).
 */
export function heldBadges(db: BaodaoDatabase): Observable<HeldBadges> {
	const revocations = db.credentials.find({ selector: { kind: 'revocation' } }).$.pipe(
		plainDocs<CredentialsDoc>(),
		map((docs) => docs.filter(isRevocation))
	);
	return combineLatest([badgeRecords(db), revocations]).pipe(
		map(([records, revoked]) => ({ records, revocations: revoked }))
	);
}
