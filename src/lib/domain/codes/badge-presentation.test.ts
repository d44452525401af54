import { describe, expect, it } from 'vitest';
import { CODE_WINDOW_MS, codeWindowAt } from './activity-code';
import {
	checkBadgePresentation,
	presentBadge,
	PRESENTATION_PREFIX,
	readBadgePresentation
} from './badge-presentation';
import { issueBadgeToken, type BadgeClaims, type BadgeTrust } from './badge-token';
import { newKeyPair, publicKeyOf } from './ed25519-signing';

const ISSUER_SECRET = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';
const ISSUER_PUBLIC = publicKeyOf(ISSUER_SECRET) ?? '';
const BADGE = newKeyPair();

const claims: BadgeClaims = {
	keyId: 'k1',
	memberId: 'm001',
	branchId: 'br1',
	orgId: 'org-a',
	serial: 2,
	name: '阿依古丽·买买提',
	badgeKey: BADGE.publicKey
};
const token = issueBadgeToken(claims, ISSUER_SECRET);

/** Trusts issuer k1, with m001's badges below number 2 revoked, unless told otherwise. */
function trust(revokedBelow = 2, keys: Record<string, string> = { k1: ISSUER_PUBLIC }): BadgeTrust {
	return {
		issuerKey: (keyId) => keys[keyId] ?? null,
		isRevoked: (memberId, serial) => memberId === 'm001' && serial < revokedBelow
	};
}

const NOW = new Date('2026-06-01T01:00:10.000Z');
const WINDOW = codeWindowAt(NOW);
const shown = presentBadge(token, WINDOW, BADGE.secretKey);

describe('presentBadge and checkBadgePresentation', () => {
	it('has the documented shape: prefix, window, the whole token, a signature', () => {
		const parts = shown.split('~');
		expect(parts[0]).toBe(PRESENTATION_PREFIX);
		expect(parts[1]).toBe(String(WINDOW));
		expect(parts.slice(2, -1).join('~')).toBe(token);
		expect(parts.at(-1)).toMatch(/^[A-Za-z0-9_-]{86}$/);
		expect(readBadgePresentation(shown)).toMatchObject({ window: WINDOW, token });
	});

	it('admits a presentation of the current window, and of one window either side', () => {
		for (const drift of [-1, 0, 1]) {
			const text = presentBadge(token, WINDOW + drift, BADGE.secretKey);
			expect(checkBadgePresentation(text, trust(), NOW)).toEqual({ ok: true, claims });
		}
		expect(checkBadgePresentation(` ${shown}\n`, trust(), NOW).ok).toBe(true);
	});

	it('refuses a presentation of an earlier window as expired: a screenshot, a copied proof', () => {
		const later = new Date(NOW.getTime() + 2 * CODE_WINDOW_MS);
		expect(checkBadgePresentation(shown, trust(), later)).toEqual({
			ok: false,
			problem: 'expired'
		});
		expect(checkBadgePresentation(shown, trust(), new Date(Number.NaN))).toEqual({
			ok: false,
			problem: 'expired'
		});
	});

	it('refuses a presentation from the future (the phone clock is ahead)', () => {
		const ahead = presentBadge(token, WINDOW + 2, BADGE.secretKey);
		expect(checkBadgePresentation(ahead, trust(), NOW)).toEqual({
			ok: false,
			problem: 'future'
		});
	});

	it('refuses a presentation signed by any key but the badge’s own', () => {
		const stolen = presentBadge(token, WINDOW, newKeyPair().secretKey);
		expect(checkBadgePresentation(stolen, trust(), NOW)).toEqual({
			ok: false,
			problem: 'signature'
		});
	});

	it('refuses a presentation whose window was moved on, so a copied one cannot be refreshed', () => {
		const moved = shown.replace(`~${WINDOW}~`, `~${WINDOW + 3}~`);
		const later = new Date(NOW.getTime() + 3 * CODE_WINDOW_MS);
		expect(checkBadgePresentation(moved, trust(), later)).toEqual({
			ok: false,
			problem: 'signature'
		});
	});

	it('refuses a tampered token, even presented with its badge key', () => {
		const renamed = token.replace('~br1~', '~br2~');
		const text = presentBadge(renamed, WINDOW, BADGE.secretKey);
		expect(checkBadgePresentation(text, trust(), NOW)).toEqual({
			ok: false,
			problem: 'signature'
		});
	});

	it('refuses a badge forged with a key pair of the forger’s own', () => {
		const forger = newKeyPair();
		const forged = issueBadgeToken({ ...claims, badgeKey: forger.publicKey }, forger.secretKey);
		const text = presentBadge(forged, WINDOW, forger.secretKey);
		expect(checkBadgePresentation(text, trust(), NOW)).toEqual({
			ok: false,
			problem: 'signature'
		});
	});

	it('refuses a revoked badge, and a badge of an unknown or retired issuer', () => {
		expect(checkBadgePresentation(shown, trust(3), NOW)).toEqual({
			ok: false,
			problem: 'revoked'
		});
		expect(checkBadgePresentation(shown, trust(2, {}), NOW)).toEqual({
			ok: false,
			problem: 'unknown-key'
		});
	});

	it('refuses the bare token as static, and a badge from before keys as legacy', () => {
		expect(checkBadgePresentation(token, trust(), NOW)).toEqual({
			ok: false,
			problem: 'static'
		});
		const parts = token.split('~');
		const legacy = ['B1', ...parts.slice(1, 7), parts[8]].join('~');
		expect(checkBadgePresentation(legacy, trust(), NOW)).toEqual({
			ok: false,
			problem: 'legacy'
		});
	});

	it.each([
		['empty', ''],
		['an activity code', `A1~act-1~${WINDOW}~sig`],
		['a damaged token', token.slice(0, 30)],
		['a presentation without its token', `${PRESENTATION_PREFIX}~${WINDOW}~sig`],
		['a presentation with a window not a number', shown.replace(`~${WINDOW}~`, '~soon~')],
		['a presentation with a damaged token', shown.replace('~m001~', '~~')]
	])('refuses %s as malformed', (_, text) => {
		expect(checkBadgePresentation(text, trust(), NOW)).toEqual({
			ok: false,
			problem: 'malformed'
		});
	});

	it('fits the attendance proof limit with the longest member name', () => {
		const long = issueBadgeToken({ ...claims, name: '阿'.repeat(50) }, ISSUER_SECRET);
		expect(presentBadge(long, WINDOW, BADGE.secretKey).length).toBeLessThanOrEqual(1000);
	});
});
