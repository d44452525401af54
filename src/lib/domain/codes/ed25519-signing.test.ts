import { describe, expect, it } from 'vitest';
import { fromBase64Url, fromHex, toBase64Url, toHex } from './byte-encoding';
import { newKeyPair, publicKeyOf, signText, verifyText } from './ed25519-signing';

// RFC 8032, section 7.1, test 1: a fixed key and the signature of the empty message.
const SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const EMPTY_SIGNATURE =
	'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

function flipBit(hex: string, bit: number): string {
	const raw = fromHex(hex);
	if (!raw) throw new Error('not hex');
	raw[bit >> 3] = (raw[bit >> 3] ?? 0) ^ (1 << (bit & 7));
	return toHex(raw);
}

function flipSignatureBit(signature: string, bit: number): string {
	const raw = fromBase64Url(signature);
	if (!raw) throw new Error('not base64url');
	return toBase64Url(fromHex(flipBit(toHex(raw), bit)) ?? new Uint8Array());
}

describe('Ed25519 with a fixed key', () => {
	it('matches the RFC 8032 test vector', () => {
		expect(publicKeyOf(SECRET)).toBe(PUBLIC);
		expect(signText('', SECRET)).toBe(toBase64Url(fromHex(EMPTY_SIGNATURE) ?? new Uint8Array()));
		expect(verifyText('', signText('', SECRET), PUBLIC)).toBe(true);
	});

	it('signs deterministically, 86 base64url characters', () => {
		const signature = signText('A1~act-1~123', SECRET);
		expect(signature).toBe(signText('A1~act-1~123', SECRET));
		expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
	});

	it('verifies text with Chinese characters', () => {
		expect(verifyText('张三 · 党支部', signText('张三 · 党支部', SECRET), PUBLIC)).toBe(true);
		expect(verifyText('张四 · 党支部', signText('张三 · 党支部', SECRET), PUBLIC)).toBe(false);
	});
});

describe('verifyText', () => {
	const text = 'B1~k1~m001~br1~org-a~1~5byg5LiJ';
	const signature = signText(text, SECRET);

	it('fails when any character of the text changes', () => {
		expect(verifyText(text.replace('m001', 'm002'), signature, PUBLIC)).toBe(false);
		expect(verifyText(`${text} `, signature, PUBLIC)).toBe(false);
		expect(verifyText(text.slice(0, -1), signature, PUBLIC)).toBe(false);
	});

	it.each([0, 7, 100, 255, 256, 300, 511])('fails with bit %i of the signature flipped', (bit) => {
		expect(verifyText(text, flipSignatureBit(signature, bit), PUBLIC)).toBe(false);
	});

	it.each([0, 1, 64, 128, 254, 255])('fails with bit %i of the public key flipped', (bit) => {
		expect(verifyText(text, signature, flipBit(PUBLIC, bit))).toBe(false);
	});

	it('fails with another key', () => {
		expect(verifyText(text, signature, newKeyPair().publicKey)).toBe(false);
	});

	it('returns false, never throwing, for keys and signatures of the wrong shape', () => {
		const cases: [string, string][] = [
			[signature, PUBLIC.slice(0, 62)],
			[signature, `${PUBLIC}00`],
			[signature, PUBLIC.toUpperCase()],
			[signature, ''],
			[signature, 'not a key'],
			[signature, 'ff'.repeat(32)],
			[signature.slice(0, 85), PUBLIC],
			[`${signature}AA`, PUBLIC],
			['', PUBLIC],
			['!'.repeat(86), PUBLIC],
			['_'.repeat(86), PUBLIC]
		];
		for (const [sig, key] of cases) expect(verifyText(text, sig, key)).toBe(false);
	});
});

describe('newKeyPair and publicKeyOf', () => {
	it('makes a pair whose halves belong together', () => {
		const pair = newKeyPair();
		expect(pair.secretKey).toMatch(/^[0-9a-f]{64}$/);
		expect(pair.publicKey).toMatch(/^[0-9a-f]{64}$/);
		expect(publicKeyOf(pair.secretKey)).toBe(pair.publicKey);
		expect(verifyText('x', signText('x', pair.secretKey), pair.publicKey)).toBe(true);
	});

	it('makes a different pair each time', () => {
		expect(newKeyPair().secretKey).not.toBe(newKeyPair().secretKey);
	});

	it('has no public key for anything but 32 bytes of hex', () => {
		expect(publicKeyOf(SECRET.slice(2))).toBeNull();
		expect(publicKeyOf(`${SECRET}00`)).toBeNull();
		expect(publicKeyOf('zz'.repeat(32))).toBeNull();
		expect(publicKeyOf('')).toBeNull();
	});

	it('refuses to sign with something that is not a secret key', () => {
		expect(() => signText('x', SECRET.slice(2))).toThrow('Not an Ed25519 secret key.');
		expect(() => signText('x', 'nope')).toThrow();
	});
});
