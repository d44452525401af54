import { randomBytes } from 'node:crypto';
import { newKeyPair } from '../domain/codes/ed25519-signing';
import type { Store } from './store';

/** The certificate key in force; its secret half never leaves the server's `config` database. */
export interface CertificateKey {
	keyId: string;
	secretKey: string;
	publicKey: string;
}

/**
 * Its own key, not the badge issuer's: rotating the badge key after a leak must not void every
 * certificate printed so far, and a certificate outlives any badge.
 */
const SIGNER_ID = 'certificate-signer';

/** The certificate key, created on first use; every gateway of the deployment shares it. */
export async function certificateKey(store: Store): Promise<CertificateKey> {
	const config = store.db('config');
	const stored = (await config.get(SIGNER_ID).catch(() => null)) as { key: CertificateKey } | null;
	if (stored) return stored.key;
	try {
		const key = { keyId: `c${randomBytes(5).toString('hex')}`, ...newKeyPair() };
		await config.put({ _id: SIGNER_ID, key });
		return key;
	} catch {
		// Another gateway created it first.
		return certificateKey(store);
	}
}
