import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER prefix that turns a raw 32-byte Ed25519 key into an SPKI structure. */
const SPKI_PREFIX = Uint8Array.from(Buffer.from('302a300506032b6570032100', 'hex'));
const KEYS_MAX = 1024;

/** Key objects by raw key (hex): an activity's key signs a new code every 30 seconds. */
const keys = new Map<string, KeyObject>();

function keyObject(publicKey: Uint8Array): KeyObject {
	const hex = Buffer.from(publicKey).toString('hex');
	let key = keys.get(hex);
	if (!key) {
		const der = new Uint8Array(SPKI_PREFIX.length + publicKey.length);
		der.set(SPKI_PREFIX);
		der.set(publicKey, SPKI_PREFIX.length);
		key = createPublicKey({
			key: Buffer.from(der),
			format: 'der',
			type: 'spki'
		});
		if (keys.size >= KEYS_MAX) keys.delete(keys.keys().next().value ?? '');
		keys.set(hex, key);
	}
	return key;
}

/** Ed25519 verification by OpenSSL (`node:crypto`), for the gateway's write checks. */
export function nativeEd25519Verify(
	signature: Uint8Array,
	message: Uint8Array,
	publicKey: Uint8Array
): boolean {
	if (signature.length !== 64 || publicKey.length !== 32) return false;
	try {
		return verify(null, message, keyObject(publicKey), signature);
	} catch {
		return false;
	}
}
