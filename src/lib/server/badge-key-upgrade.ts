import { issueBadgeToken, readLegacyBadgeToken } from '../domain/codes/badge-token';
import { newKeyPair } from '../domain/codes/ed25519-signing';
import type { Credential } from '../domain/registry';
import { currentIssuer, type IssuerKey } from './badge-issuer';
import type { Store } from './store';
import { startMarker } from './start-marker';

const MARKER = 'badge-keys';
/** 1: every badge carries its own key (token v2), so a member's phone can present it. */
const KEYS_VERSION = 1;
const PAGE = 500;

type StoredCredential = Record<string, unknown> & Credential & { _id: string; _rev: string };

/**
 * Gives every badge issued before badges had keys (a `B1` token) its own key pair: the same
 * claims, serial and short code in a `B2` token signed by the current issuer, the secret half in
 * the member's credential. Nothing else changes — the registry's code digest and the revocation
 * list stay as they are, so printed and known codes keep working — and the member's devices
 * receive the new badge on their next sync. Each credential is written on its own, so a restart
 * half way carries on with the rest; an upgraded one is left alone, and a marker in `config`
 * skips the scan later (no `B1` token is issued any more).
 */
export async function upgradeBadgeKeys(store: Store, now: Date): Promise<void> {
	const marker = await startMarker(store, MARKER, KEYS_VERSION);
	if (marker.done) return;
	const issuer = await currentIssuer(store, now);
	let startkey = 'badge.';
	for (;;) {
		const page = await store.db('credentials').allDocs({
			include_docs: true,
			startkey,
			endkey: 'badge.\ufff0',
			limit: PAGE + 1
		});
		const upgraded = page.rows
			.slice(0, PAGE)
			.flatMap((row) => upgradeOf(row.doc as StoredCredential | undefined, issuer, now));
		// A badge reissued meanwhile (another gateway) is already of the new kind: its conflict is fine.
		if (upgraded.length > 0) await store.db('credentials').bulkDocs(upgraded);
		const next = page.rows[PAGE];
		if (!next) break;
		startkey = next.id;
	}
	await marker.record();
}

function upgradeOf(
	doc: StoredCredential | undefined,
	issuer: IssuerKey,
	now: Date
): StoredCredential[] {
	if (doc?.kind !== 'badge' || !doc.token) return [];
	const claims = readLegacyBadgeToken(doc.token);
	if (!claims) return [];
	const badgeKey = newKeyPair();
	const token = issueBadgeToken(
		{ ...claims, keyId: issuer.keyId, badgeKey: badgeKey.publicKey },
		issuer.secretKey
	);
	return [{ ...doc, token, secretKey: badgeKey.secretKey, updatedAt: now.toISOString() }];
}
