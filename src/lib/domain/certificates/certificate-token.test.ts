import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../codes/byte-encoding';
import { newKeyPair } from '../codes/ed25519-signing';
import type { CertificateContent } from './certificate-content';
import {
	canonicalPayload,
	certificateCode,
	checkCertificate,
	formatCode,
	readCertificateToken,
	signCertificate,
	typedCode,
	type CertificateTrust
} from './certificate-token';

const content: CertificateContent = {
	code: 'ABCDEFGH2345',
	name: '张三',
	organisations: ['一社区', '二社区'],
	moreOrganisations: 0,
	from: '2026-01-01',
	to: '2026-06-30',
	lines: [
		{ category: 'volunteer', services: 2, minutes: 240 },
		{ category: 'service', services: 1, minutes: 90 }
	],
	services: 3,
	minutes: 330,
	issuer: '市直机关工委',
	issuedOn: '2026-07-01',
	validUntil: '2028-06-30'
};

const pair = newKeyPair();
const key = { keyId: 'c1', ...pair };

function trust(revoked: Record<string, string> = {}): CertificateTrust {
	return {
		publicKey: (keyId) => (keyId === key.keyId ? key.publicKey : null),
		revocation: (code) => (revoked[code] ? { revokedAt: revoked[code] } : null)
	};
}

/** The token with its payload's text replaced, the signature kept. */
function withPayload(token: string, edit: (text: string) => string): string {
	const [prefix, keyId, payload, signature] = token.split('~');
	const text = new TextDecoder().decode(fromBase64Url(payload ?? '') ?? new Uint8Array());
	const edited = toBase64Url(new TextEncoder().encode(edit(text)));
	return [prefix, keyId, edited, signature].join('~');
}

describe('the signed certificate', () => {
	const token = signCertificate(content, key);

	it('carries the content in canonical form', () => {
		expect(readCertificateToken(token)?.content).toEqual(content);
		// The same content whatever order its fields were built in.
		const reordered = Object.fromEntries(Object.entries(content).reverse()) as CertificateContent;
		expect(canonicalPayload(reordered)).toBe(canonicalPayload(content));
		expect(signCertificate(reordered, key)).toBe(token);
	});

	it('is valid until its last day, then expired', () => {
		expect(checkCertificate(token, trust(), '2026-07-01')).toEqual({ state: 'valid', content });
		expect(checkCertificate(token, trust(), '2028-06-30').state).toBe('valid');
		expect(checkCertificate(token, trust(), '2028-07-01')).toEqual({ state: 'expired', content });
	});

	it('is revoked once the office revoked it, whatever the date', () => {
		const revoked = trust({ ABCDEFGH2345: '2026-08-01T02:00:00.000Z' });
		expect(checkCertificate(token, revoked, '2026-08-02')).toEqual({
			state: 'revoked',
			content,
			revokedAt: '2026-08-01T02:00:00.000Z'
		});
		expect(checkCertificate(token, revoked, '2029-01-01').state).toBe('revoked');
	});

	it('is tampered when a word of it changed', () => {
		const moreHours = withPayload(token, (text) => text.replace(',330,', ',3300,'));
		expect(readCertificateToken(moreHours)?.content.minutes).toBe(3300);
		expect(checkCertificate(moreHours, trust(), '2026-07-02')).toEqual({ state: 'tampered' });
		const otherName = withPayload(token, (text) => text.replace('张三', '李四'));
		expect(checkCertificate(otherName, trust(), '2026-07-02')).toEqual({ state: 'tampered' });
	});

	it('is tampered when signed by another key, unknown, or damaged', () => {
		const forged = signCertificate(content, { keyId: 'c1', ...newKeyPair() });
		expect(checkCertificate(forged, trust(), '2026-07-02').state).toBe('tampered');
		const unknown = signCertificate(content, { ...key, keyId: 'c9' });
		expect(checkCertificate(unknown, trust(), '2026-07-02').state).toBe('tampered');
		expect(checkCertificate(token.slice(0, -2), trust(), '2026-07-02').state).toBe('tampered');
		expect(checkCertificate('nonsense', trust(), '2026-07-02').state).toBe('tampered');
		expect(checkCertificate(`${token}~x`, trust(), '2026-07-02').state).toBe('tampered');
	});

	it('refuses a payload that is not the canonical spelling of a content', () => {
		const spaced = withPayload(token, (text) => text.replace(',', ', '));
		expect(readCertificateToken(spaced)).toBeNull();
		const badCategory = withPayload(token, (text) => text.replace('volunteer', 'holiday'));
		expect(readCertificateToken(badCategory)).toBeNull();
	});
});

describe('certificate codes', () => {
	it('are twelve Crockford characters, typed forgivingly, printed in fours', () => {
		const code = certificateCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
		expect(code).toMatch(/^[0-9A-Z]{12}$/);
		expect(formatCode('ABCDEFGH2345')).toBe('ABCD-EFGH-2345');
		expect(typedCode('abcd-efgh-2345')).toBe('ABCDEFGH2345');
		expect(typedCode(' abcd efgh 234s ')).toBe('ABCDEFGH234S');
		expect(typedCode('abcd-efgh')).toBeNull();
	});
});
