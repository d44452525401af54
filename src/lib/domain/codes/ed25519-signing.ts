import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { fromBase64Url, fromHex, toBase64Url, toHex } from './byte-encoding';

// Synchronous signing and verifying, so write policies (which are synchronous) can check
// signatures on the device and in the gateway alike.
ed.hashes.sha512 = sha512;

export interface KeyPair {
	/** 32-byte Ed25519 secret key, hex. */
	secretKey: string;
	/** 32-byte Ed25519 public key, hex. */
	publicKey: string;
}

export function newKeyPair(): KeyPair {
	const secret = ed.utils.randomSecretKey();
	return { secretKey: toHex(secret), publicKey: toHex(ed.getPublicKey(secret)) };
}

export function publicKeyOf(secretKey: string): string | null {
	const secret = fromHex(secretKey);
	return secret?.length === 32 ? toHex(ed.getPublicKey(secret)) : null;
}

const encoder = new TextEncoder();

/** Verifies a raw 64-byte signature of `message` under a raw 32-byte public key. */
export type Ed25519Verifier = (
	signature: Uint8Array,
	message: Uint8Array,
	publicKey: Uint8Array
) => boolean;

let verifier: Ed25519Verifier = (signature, message, publicKey) =>
	ed.verify(signature, message, publicKey);

/**
 * Lets a platform with its own Ed25519 verify instead of the pure-JS one: the gateway's
 * `node:crypto` takes about a sixth of the time, which counts when hundreds of distinct badges
 * are scanned at once. Both accept every signature `signText` makes.
 */
export function useEd25519Verifier(platform: Ed25519Verifier): void {
	verifier = platform;
}

/** The signature of `text` as base64url (86 characters). */
export function signText(text: string, secretKey: string): string {
	const secret = fromHex(secretKey);
	if (secret?.length !== 32) throw new Error('Not an Ed25519 secret key.');
	return toBase64Url(ed.sign(encoder.encode(text), secret));
}

/**
 * Verifications already made, by key, text and signature. Every phone at an event scans the same
 * activity code for the same 30 seconds, and a verification costs milliseconds in pure JS: a
 * burst of check-ins then verifies each code once. Bounded, oldest forgotten first.
 */
const verified = new Map<string, boolean>();
const VERIFIED_MAX = 4096;

export function verifyText(text: string, signature: string, publicKey: string): boolean {
	const key = `${publicKey}\n${signature}\n${text}`;
	const known = verified.get(key);
	if (known !== undefined) return known;
	const result = verifyUncached(text, signature, publicKey);
	if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value ?? '');
	verified.set(key, result);
	return result;
}

function verifyUncached(text: string, signature: string, publicKey: string): boolean {
	const sig = fromBase64Url(signature);
	const key = fromHex(publicKey);
	if (sig?.length !== 64 || key?.length !== 32) return false;
	try {
		return verifier(sig, encoder.encode(text), key);
	} catch {
		return false;
	}
}
