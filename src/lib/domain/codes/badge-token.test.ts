import { describe, expect, it } from 'vitest';
import { fromHex, normalizeCrockford, toBase64Url } from './byte-encoding';
import {
	badgeShortCode,
	checkBadgeToken,
	formatShortCode,
	isLegacyShortCode,
	isShortCode,
	issueBadgeToken,
	readBadgeToken,
	readLegacyBadgeToken,
	shortCodeDigest,
	SHORT_CODE_LENGTH,
	type BadgeClaims,
	type BadgeTrust
} from './badge-token';
import { newKeyPair, publicKeyOf } from './ed25519-signing';

const ISSUER_SECRET = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';
const ISSUER_PUBLIC = publicKeyOf(ISSUER_SECRET) ?? '';

const BADGE_KEY = newKeyPair().publicKey;

const claims: BadgeClaims = {
	keyId: 'k1',
	memberId: 'm001',
	branchId: 'br1',
	orgId: 'org-a',
	serial: 2,
	name: '阿依古丽·买买提',
	badgeKey: BADGE_KEY
};

/** Trusts issuer k1, with m001's badges below number 2 revoked, unless told otherwise. */
function trust(
	keys: Record<string, string | null> = { k1: ISSUER_PUBLIC },
	revokedBelow: Record<string, number> = { m001: 2 }
): BadgeTrust {
	return {
		issuerKey: (keyId) => keys[keyId] ?? null,
		isRevoked: (memberId, serial) => serial < (revokedBelow[memberId] ?? 0)
	};
}

const token = issueBadgeToken(claims, ISSUER_SECRET);
const parts = token.split('~');

/** The token with part `index` replaced, signature left as it was. */
function withPart(index: number, value: string): string {
	const copy = [...parts];
	copy[index] = value;
	return copy.join('~');
}

describe('issueBadgeToken and checkBadgeToken', () => {
	it('issues a token that checks out with its claims', () => {
		expect(checkBadgeToken(token, trust())).toEqual({ ok: true, claims });
	});

	it('has the documented shape', () => {
		expect(parts).toHaveLength(9);
		expect(parts.slice(0, 6)).toEqual(['B2', 'k1', 'm001', 'br1', 'org-a', '2']);
		expect(parts[7]).toBe(toBase64Url(fromHex(BADGE_KEY) ?? new Uint8Array()));
		expect(parts[7]).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(parts[8]).toMatch(/^[A-Za-z0-9_-]{86}$/);
	});

	it('carries names in any script, including ASCII and one character', () => {
		for (const name of ['张三', '买买提·艾力', 'Li Wei', '王', '🇨🇳 李']) {
			const issued = issueBadgeToken({ ...claims, name }, ISSUER_SECRET);
			expect(checkBadgeToken(issued, trust())).toEqual({ ok: true, claims: { ...claims, name } });
		}
	});

	it('accepts surrounding whitespace from a scanner', () => {
		expect(checkBadgeToken(` ${token}\n`, trust()).ok).toBe(true);
	});

	it('checks the same with a key pair made at random', () => {
		const pair = newKeyPair();
		const issued = issueBadgeToken(claims, pair.secretKey);
		expect(checkBadgeToken(issued, trust({ k1: pair.publicKey })).ok).toBe(true);
		expect(checkBadgeToken(issued, trust()).ok).toBe(false);
	});

	it.each([
		['memberId', 2, 'm002'],
		['branchId', 3, 'br2'],
		['orgId', 4, 'org-b'],
		['name', 6, toBase64Url(new TextEncoder().encode('阿依古丽·买买'))],
		['name (to another whole name)', 6, toBase64Url(new TextEncoder().encode('张三'))],
		[
			'badge key (to one the thief holds)',
			7,
			toBase64Url(fromHex(newKeyPair().publicKey) ?? new Uint8Array())
		]
	])('refuses a token whose %s was changed', (_, index, value) => {
		const tampered = withPart(index, value);
		expect(checkBadgeToken(tampered, trust(undefined, {}))).toEqual({
			ok: false,
			problem: 'signature'
		});
	});

	it('refuses a token whose serial was raised to the current one', () => {
		const old = issueBadgeToken({ ...claims, serial: 1 }, ISSUER_SECRET);
		const raised = old.replace('~1~', '~2~');
		expect(checkBadgeToken(raised, trust())).toEqual({ ok: false, problem: 'signature' });
	});

	it('refuses a signature taken from another badge', () => {
		const other = issueBadgeToken({ ...claims, memberId: 'm002' }, ISSUER_SECRET);
		const swapped = withPart(8, other.split('~')[8] ?? '');
		expect(checkBadgeToken(swapped, trust())).toEqual({ ok: false, problem: 'signature' });
	});

	it('refuses a token signed by another key under the same key id', () => {
		const forged = issueBadgeToken(claims, newKeyPair().secretKey);
		expect(checkBadgeToken(forged, trust())).toEqual({ ok: false, problem: 'signature' });
	});

	it('refuses a key id nobody published as unknown', () => {
		const foreign = issueBadgeToken({ ...claims, keyId: 'k9' }, ISSUER_SECRET);
		expect(checkBadgeToken(foreign, trust())).toEqual({ ok: false, problem: 'unknown-key' });
	});

	it('refuses a badge of a retired key (the trust has no key for it)', () => {
		expect(checkBadgeToken(token, trust({ k1: null }))).toEqual({
			ok: false,
			problem: 'unknown-key'
		});
	});

	it('refuses an older badge once a newer one was issued', () => {
		const old = issueBadgeToken({ ...claims, serial: 1 }, ISSUER_SECRET);
		expect(checkBadgeToken(old, trust())).toEqual({ ok: false, problem: 'revoked' });
	});

	it('accepts a badge newer than any revocation the device has heard of, or with none listed', () => {
		const newer = issueBadgeToken({ ...claims, serial: 5 }, ISSUER_SECRET);
		expect(checkBadgeToken(newer, trust()).ok).toBe(true);
		expect(checkBadgeToken(token, trust(undefined, {})).ok).toBe(true);
		expect(checkBadgeToken(token, trust(undefined, { m002: 9 })).ok).toBe(true);
	});

	it('refuses every badge of a withdrawn member (revoked above the last serial)', () => {
		expect(checkBadgeToken(token, trust(undefined, { m001: 3 }))).toEqual({
			ok: false,
			problem: 'revoked'
		});
	});

	it('checks the signature before the serial, so a forgery never reads as merely revoked', () => {
		const forged = issueBadgeToken({ ...claims, serial: 1 }, newKeyPair().secretKey);
		expect(checkBadgeToken(forged, trust())).toEqual({ ok: false, problem: 'signature' });
	});

	// Issuer key ids are base64url-ish and may start with - or _ (the registry schema allows it).
	it('accepts every key id the issuer can make, including one starting with - or _', () => {
		for (const keyId of ['AbCdEfGh', '-AbCdEfG', '_AbCdEfG']) {
			const issued = issueBadgeToken({ ...claims, keyId }, ISSUER_SECRET);
			expect(checkBadgeToken(issued, trust({ [keyId]: ISSUER_PUBLIC })).ok).toBe(true);
		}
	});
});

describe('malformed badges', () => {
	it.each([
		['empty', ''],
		['truncated before its signature', token.slice(0, token.lastIndexOf('~'))],
		['truncated inside its ids', token.slice(0, 17)],
		['without its signature', parts.slice(0, 8).join('~')],
		['with an extra part', `${token}~x`],
		['with a foreign prefix', withPart(0, 'B3')],
		['with the old prefix', withPart(0, 'B1')],
		['an activity code', 'A1~act-1~58000000~' + (parts[8] ?? '')],
		['a URL', 'https://example.com/?q=B1'],
		['with another separator', parts.join('|')],
		['with a serial of 0', withPart(5, '0')],
		['with a serial with a leading zero', withPart(5, '02')],
		['with a non-numeric serial', withPart(5, 'two')],
		['with a serial too long', withPart(5, '1234567890')],
		['with an empty name', withPart(6, '')],
		['with a name not base64url', withPart(6, '张三')],
		['with a name not UTF-8', withPart(6, '_w')],
		['with an empty member id', withPart(2, '')],
		['with a member id starting with a dot', withPart(2, '.m001')],
		['with a member id of 41 characters', withPart(2, 'm'.repeat(41))],
		['with a badge key too short', withPart(7, (parts[7] ?? '').slice(0, 42))],
		['with a badge key not base64url', withPart(7, '!'.repeat(43))],
		['without its badge key (as a B1 token)', [...parts.slice(0, 7), parts[8]].join('~')]
	])('refuses a badge %s', (_, text) => {
		expect(readBadgeToken(text)).toBeNull();
		expect(checkBadgeToken(text, trust())).toEqual({ ok: false, problem: 'malformed' });
	});

	// The reader leaves the signature to the verifier, so a cut inside it reads as a bad signature.
	it.each([1, 2, 43, 85])('refuses a badge cut %i characters short as not signed', (cut) => {
		expect(checkBadgeToken(token.slice(0, -cut), trust())).toEqual({
			ok: false,
			problem: 'signature'
		});
	});
});

describe('readBadgeToken', () => {
	it('reads the claims without verifying them', () => {
		const read = readBadgeToken(withPart(8, 'forged'));
		expect(read?.claims).toEqual(claims);
		expect(read?.signature).toBe('forged');
		expect(read?.signed).toBe(parts.slice(0, 8).join('~'));
	});
});

describe('readLegacyBadgeToken', () => {
	// As the issuer wrote them before badges had keys: the claims and the issuer's signature.
	const legacy = ['B1', ...parts.slice(1, 7), parts[8]].join('~');

	it('reads the claims of a badge issued before badges had keys', () => {
		expect(readLegacyBadgeToken(legacy)).toEqual({ ...claims, badgeKey: undefined });
		expect(readBadgeToken(legacy)).toBeNull();
	});

	it('reads no current badge, and nothing damaged', () => {
		expect(readLegacyBadgeToken(token)).toBeNull();
		expect(readLegacyBadgeToken(legacy.replace('~2~', '~0~'))).toBeNull();
		expect(readLegacyBadgeToken(`${legacy}~x`)).toBeNull();
	});
});

describe('short codes', () => {
	const code = badgeShortCode(token);

	it('are twelve Crockford characters (60 bits), the same for the same token', () => {
		expect(SHORT_CODE_LENGTH * 5).toBeGreaterThanOrEqual(60);
		expect(code).toHaveLength(SHORT_CODE_LENGTH);
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
		expect(badgeShortCode(token)).toBe(code);
		expect(isShortCode(code)).toBe(true);
	});

	it('differ between badges, even of the same member', () => {
		const next = issueBadgeToken({ ...claims, serial: 3 }, ISSUER_SECRET);
		const other = issueBadgeToken({ ...claims, memberId: 'm002' }, ISSUER_SECRET);
		expect(badgeShortCode(next)).not.toBe(code);
		expect(badgeShortCode(other)).not.toBe(code);
	});

	it('are shown in three groups of four', () => {
		expect(formatShortCode('ABCD1234WXYZ')).toBe('ABCD-1234-WXYZ');
		expect(formatShortCode(code).replaceAll('-', '')).toBe(code);
	});

	it('are recognised as typed with dashes, spaces, lower case and look-alikes', () => {
		expect(isShortCode('abcd-1234-wxyz')).toBe(true);
		expect(isShortCode('ABCD 1234 WXYZ')).toBe(true);
		expect(isShortCode('oOiI-lL00-0000')).toBe(true);
		expect(isShortCode('ABCD-1234-WXY')).toBe(false);
		expect(isShortCode('ABCD-1234-WXYZ0')).toBe(false);
		expect(isShortCode('ABCD-1234-WXY!')).toBe(false);
		expect(isShortCode('')).toBe(false);
	});

	it('tell the eight-character codes of older badges apart, which no longer check anyone in', () => {
		expect(isLegacyShortCode('abcd-1234')).toBe(true);
		expect(isShortCode('abcd-1234')).toBe(false);
		expect(isLegacyShortCode(code)).toBe(false);
	});

	it('digest the same however the code was typed', () => {
		const canonical = shortCodeDigest('0A1B-2C3D');
		expect(canonical).toMatch(/^[0-9a-f]{64}$/);
		for (const typed of ['0A1B2C3D', 'oa1b-2c3d', 'OAIB 2C3D', '0aLb2c3d', ' 0A1B-2C3D ']) {
			expect(shortCodeDigest(typed)).toBe(canonical);
		}
		expect(shortCodeDigest(formatShortCode(code).toLowerCase())).toBe(shortCodeDigest(code));
	});

	it('digest different codes differently', () => {
		expect(shortCodeDigest('0A1B2C3D')).not.toBe(shortCodeDigest('0A1B2C3E'));
		expect(normalizeCrockford('0A1B2C3D')).toBe('0A1B2C3D');
	});
});
