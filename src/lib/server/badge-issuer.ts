import { randomBytes } from 'node:crypto';
import { badgeShortCode, issueBadgeToken, shortCodeDigest } from '../domain/codes/badge-token';
import { withChannels } from '../domain/access/write-policy';
import {
	badgeCredentialId,
	badgeRecordId,
	issuerRecordId,
	type BadgeRecord,
	type Credential,
	type Member
} from '../domain/registry';
import { newKeyPair } from '../domain/codes/ed25519-signing';
import { revocationEntry, revocationId, type Revocation } from '../domain/codes/revocations';
import { recordDepartures } from './departures';
import { PerKeyQueue } from './per-key-queue';
import type { StoredDoc } from './stored-doc';
import type { Store } from './store';

/** The issuer key in force; its secret half never leaves the server's `config` database. */
export interface IssuerKey {
	keyId: string;
	secretKey: string;
	publicKey: string;
}

const CURRENT_ISSUER = 'badge-issuer';

type Stored<T> = T & { _id: string; _rev?: string };

export async function getDoc<T>(
	store: Store,
	db: 'config' | 'directory' | 'credentials' | 'members',
	id: string
) {
	return (await store
		.db(db)
		.get(id)
		.catch(() => null)) as Stored<T> | null;
}

/** Publishes an issuer's public key in the badge registry, so every device can verify its badges. */
async function publish(store: Store, key: IssuerKey, now: Date): Promise<void> {
	const id = issuerRecordId(key.keyId);
	if (await getDoc(store, 'directory', id)) return;
	const record: BadgeRecord = withChannels('directory', {
		id,
		kind: 'issuer',
		keyId: key.keyId,
		publicKey: key.publicKey,
		issuedAt: now.toISOString(),
		channels: []
	});
	// Two gateways publishing the same key at once: the loser's conflict changes nothing.
	await store
		.db('directory')
		.put({ ...withoutId(record), _id: id })
		.catch(() => undefined);
}

function newIssuer(): IssuerKey {
	return { keyId: `k${randomBytes(5).toString('hex')}`, ...newKeyPair() };
}

/** The current issuer key, created (and published) on first use; every gateway shares it. */
export async function currentIssuer(store: Store, now: Date): Promise<IssuerKey> {
	const stored = await getDoc<{ key: IssuerKey }>(store, 'config', CURRENT_ISSUER);
	if (stored) {
		await publish(store, stored.key, now);
		return stored.key;
	}
	try {
		const key = newIssuer();
		await store.db('config').put({ _id: CURRENT_ISSUER, key });
		await publish(store, key, now);
		return key;
	} catch {
		// Another gateway created it first.
		return currentIssuer(store, now);
	}
}

/**
 * Replaces the issuer key: the old public key is marked retired (its badges stop verifying) and
 * members are issued new badges as they open the app. For a suspected leak of the secret key.
 */
export async function rotateIssuer(store: Store, now: Date): Promise<IssuerKey> {
	const config = store.db('config');
	const stored = await getDoc<{ key: IssuerKey }>(store, 'config', CURRENT_ISSUER);
	const key = newIssuer();
	await config.put({ _id: CURRENT_ISSUER, ...(stored?._rev ? { _rev: stored._rev } : {}), key });
	await publish(store, key, now);
	if (stored) {
		const old = await getDoc<BadgeRecord>(store, 'directory', issuerRecordId(stored.key.keyId));
		if (old && !old.retiredAt)
			await store.db('directory').put({ ...old, retiredAt: now.toISOString() });
	}
	return key;
}

export type BadgeIssue =
	{ ok: true; serial: number } | { ok: false; reason: 'no-member' | 'contended' };

/**
 * A member's badge changes one request at a time in this process: an issue reads the serial and
 * three revisions, then writes three documents that must agree, so two interleaved would
 * conflict. The queue is per process, as each process holds the single store it serves.
 */
const badgeChanges = new PerKeyQueue();

/** Another gateway of the deployment changing the same badge: try again on fresh revisions. */
const CONFLICT_ATTEMPTS = 3;

function isConflict(error: unknown): boolean {
	return (error as { status?: number } | null)?.status === 409;
}

/**
 * Issues a member a new badge: the serial goes up and every older one is revoked (the revocation
 * list reaches whoever scans); the token, with its typed short code, replicates to the member's
 * own devices, and the registry entry (serial and code digest) to the member and the secretary
 * of the branch they are in now, who types codes in for the branch. Concurrent issues for one
 * member run one after another, so each gets its own serial and the last one stands.
 */
export function issueBadge(store: Store, memberId: string, now: Date): Promise<BadgeIssue> {
	return badgeChanges.run(memberId, async () => {
		for (let attempt = 1; ; attempt++) {
			try {
				return await issueOnce(store, memberId, now);
			} catch (error) {
				if (!isConflict(error)) throw error;
				if (attempt === CONFLICT_ATTEMPTS) return { ok: false, reason: 'contended' };
			}
		}
	});
}

async function issueOnce(store: Store, memberId: string, now: Date): Promise<BadgeIssue> {
	const member = await getDoc<Member>(store, 'members', memberId);
	if (!member) return { ok: false, reason: 'no-member' };
	const issuer = await currentIssuer(store, now);
	const registryId = badgeRecordId(memberId);
	const previous = await getDoc<BadgeRecord>(store, 'directory', registryId);
	const serial = (previous?.serial ?? 0) + 1;
	const badgeKey = newKeyPair();
	const token = issueBadgeToken(
		{
			keyId: issuer.keyId,
			memberId,
			branchId: member.branchId,
			orgId: member.orgId,
			serial,
			name: member.name,
			badgeKey: badgeKey.publicKey
		},
		issuer.secretKey
	);
	const shortCode = badgeShortCode(token);
	const issuedAt = now.toISOString();
	// The credential first: older badges revoked before the member holds the new token would
	// leave them with no valid badge at all.
	const credentialId = badgeCredentialId(memberId);
	const existing = await getDoc<Credential>(store, 'credentials', credentialId);
	const credential = withChannels('credentials', {
		id: credentialId,
		kind: 'badge',
		memberId,
		token,
		shortCode,
		serial,
		// The badge's own secret: only the member's devices present the badge with it.
		secretKey: badgeKey.secretKey,
		updatedAt: issuedAt,
		channels: []
	} satisfies Credential);
	await store.db('credentials').put({
		...withoutId(credential),
		_id: credentialId,
		...(existing?._rev ? { _rev: existing._rev } : {})
	});
	// Before the entry: a crash in between leaves the typed code refused, never the old badge valid.
	if (serial > 1) await revokeBelow(store, memberId, serial, now);
	const record = withChannels('directory', {
		id: registryId,
		kind: 'badge',
		memberId,
		branchId: member.branchId,
		serial,
		shortCodeDigest: shortCodeDigest(shortCode),
		issuedAt,
		channels: []
	} satisfies BadgeRecord);
	// A member who changed branch: the former secretary's devices drop the entry.
	await recordDepartures(store, 'directory', [
		{ id: registryId, prev: (previous as StoredDoc | null) ?? null, nextChannels: record.channels }
	]);
	await store.db('directory').put({
		...withoutId(record),
		_id: registryId,
		...(previous?._rev ? { _rev: previous._rev } : {})
	});
	return { ok: true, serial };
}

/** Lists every badge of the member below `belowSerial` as revoked, unless it already is. */
async function revokeBelow(
	store: Store,
	memberId: string,
	belowSerial: number,
	now: Date
): Promise<void> {
	const id = revocationId(memberId);
	const existing = await getDoc<Revocation>(store, 'credentials', id);
	if (existing && existing.belowSerial >= belowSerial) return;
	await store.db('credentials').put({
		...withoutId(revocationEntry(memberId, belowSerial, now)),
		_id: id,
		...(existing?._rev ? { _rev: existing._rev } : {})
	});
}

export type BadgeWithdrawal = { ok: true; belowSerial: number } | { ok: false; reason: 'no-badge' };

/**
 * Withdraws every badge of a member who left: all serials issued so far are revoked, and the
 * token leaves the member's devices. Issuing again (a member who returns) starts a valid one.
 */
export function withdrawBadge(store: Store, memberId: string, now: Date): Promise<BadgeWithdrawal> {
	return badgeChanges.run(memberId, () => withdrawOnce(store, memberId, now));
}

async function withdrawOnce(store: Store, memberId: string, now: Date): Promise<BadgeWithdrawal> {
	const entry = await getDoc<BadgeRecord>(store, 'directory', badgeRecordId(memberId));
	if (!entry?.serial) return { ok: false, reason: 'no-badge' };
	const belowSerial = entry.serial + 1;
	await revokeBelow(store, memberId, belowSerial, now);
	const credential = await getDoc<Credential>(store, 'credentials', badgeCredentialId(memberId));
	// Deleted with its body, so the gateway can still tell the member's devices to drop it.
	if (credential) await store.db('credentials').put({ ...credential, _deleted: true });
	return { ok: true, belowSerial };
}

/** A document's body as PouchDB stores it: the id goes into `_id`. */
export function withoutId(doc: { id: string }): Record<string, unknown> {
	const body: Record<string, unknown> = { ...doc };
	delete body['id'];
	return body;
}
