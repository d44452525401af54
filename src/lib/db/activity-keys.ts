import { combineLatest, map, type Observable } from 'rxjs';
import { activityKeyId, isCredential } from '../domain/codes/credentials';
import { publicKeyOf } from '../domain/codes/ed25519-signing';
import type { Actor } from '../domain/access/roles';
import type { Activity, Credential, Org } from '../domain/registry';
import type { BaodaoDatabase } from './database';
import { writeChecked } from './local-write';

function localId(activityId: string): string {
	return `activity-key.${activityId}`;
}

/**
 * Keeps the secret key of an activity this device created in a local, never replicated document
 * as well as in `credentials`. The replicated copy can be refused (and is then reverted,
 * principle 6); the organiser's device must still show the codes its activity's `publicKey`
 * verifies, so the secret is never only in a document the server may take back.
 */
export async function keepActivityKey(db: BaodaoDatabase, credential: Credential): Promise<void> {
	if (!credential.activityId || !credential.secretKey) return;
	await db.upsertLocal(localId(credential.activityId), { secretKey: credential.secretKey });
}

/** A new activity and its signing key, as the activity form stores them (checked, then kept). */
export async function writeActivityWithKey(
	db: BaodaoDatabase,
	actor: Actor,
	activity: Activity,
	credential: Credential,
	host: Org | null
): Promise<void> {
	// A branch's activity is checked against the branch: it must be in its linked community.
	await writeChecked(db, 'activities', actor, activity, host);
	await writeChecked(db, 'credentials', actor, credential);
	await keepActivityKey(db, credential);
}

/** Where the device's signing key for an activity comes from, if it has one. */
export type ActivityKeySource = 'shared' | 'this-device';

export interface HeldActivityKey {
	secretKey: string;
	source: ActivityKeySource;
}

/**
 * The secret key matching `publicKey`: the replicated one, which every organiser's device gets,
 * or else this device's own copy (its replicated one was refused or has not synced yet).
 */
export function observeActivityKey(
	db: BaodaoDatabase,
	activityId: string,
	publicKey: string
): Observable<HeldActivityKey | null> {
	const shared = db.credentials
		.findOne(activityKeyId(activityId))
		.$.pipe(map((doc) => (doc ? (doc.toJSON() as Credential) : null)));
	const own = db
		.getLocal$<{ secretKey: string }>(localId(activityId))
		.pipe(map((doc) => (doc ? (doc.get('secretKey') as string) : null)));
	return combineLatest([shared, own]).pipe(
		map(([credential, secretKey]): HeldActivityKey | null => {
			if (credential && isCredential(credential) && credential.publicKey === publicKey) {
				return credential.secretKey ? { secretKey: credential.secretKey, source: 'shared' } : null;
			}
			return secretKey && publicKeyOf(secretKey) === publicKey
				? { secretKey, source: 'this-device' }
				: null;
		})
	);
}
