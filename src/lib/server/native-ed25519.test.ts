import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { newKeyPair, signText } from '../domain/codes/ed25519-signing';
import { fromBase64Url, fromHex } from '../domain/codes/byte-encoding';
import { nativeEd25519Verify } from './native-ed25519';

const encoder = new TextEncoder();

describe('nativeEd25519Verify', () => {
	it('agrees with the pure-JS verifier on genuine, altered and foreign signatures', () => {
		for (let i = 0; i < 20; i++) {
			const pair = newKeyPair();
			const other = newKeyPair();
			const text = `act-${i}.${'x'.repeat(i)}`;
			const signature = fromBase64Url(signText(text, pair.secretKey)) ?? new Uint8Array();
			const key = fromHex(pair.publicKey) ?? new Uint8Array();
			const altered = Uint8Array.from(signature);
			altered[i % 64] = (altered[i % 64] ?? 0) ^ 1;
			const cases: [Uint8Array, string, Uint8Array][] = [
				[signature, text, key],
				[signature, `${text}!`, key],
				[altered, text, key],
				[signature, text, fromHex(other.publicKey) ?? new Uint8Array()]
			];
			for (const [sig, message, publicKey] of cases) {
				const bytes = encoder.encode(message);
				expect(nativeEd25519Verify(sig, bytes, publicKey)).toBe(ed.verify(sig, bytes, publicKey));
			}
			expect(nativeEd25519Verify(signature, encoder.encode(text), key)).toBe(true);
		}
	});

	it('refuses malformed signatures and keys instead of throwing', () => {
		const message = encoder.encode('x');
		expect(nativeEd25519Verify(new Uint8Array(63), message, new Uint8Array(32))).toBe(false);
		expect(nativeEd25519Verify(new Uint8Array(64), message, new Uint8Array(31))).toBe(false);
	});

	it('judges a degenerate (small-order) key as the pure-JS verifier does', () => {
		const message = encoder.encode('x');
		const zeros = [new Uint8Array(64), message, new Uint8Array(32)] as const;
		expect(nativeEd25519Verify(...zeros)).toBe(ed.verify(...zeros));
	});
});
