import { sha256 } from '@noble/hashes/sha2.js';
import {
	fromBase64Url,
	fromHex,
	normalizeCrockford,
	toBase64Url,
	toCrockford,
	toHex
} from './byte-encoding';
import { signText, verifyText } from './ed25519-signing';

/**
 * A member badge:
 * `B2~<keyId>~<memberId>~<branchId>~<orgId>~<serial>~<name>~<badgeKey>~<signature>`, signed by
 * the server's issuer key. It carries what a kiosk shows and records (name, branch, bureau), so
 * an organiser's device checks people in offline without holding their profiles, and the public
 * half of the badge's own key pair: only the member's phone, which holds the secret half, can
 * present the badge (`badge-presentation.ts`). `~` appears in neither ids nor base64url.
 */
export const BADGE_PREFIX = 'B2';
/** Badges issued before they carried a key: upgraded by the server, refused at a kiosk. */
export const LEGACY_BADGE_PREFIX = 'B1';
const SEPARATOR = '~';

export interface BadgeClaims {
	keyId: string;
	memberId: string;
	branchId: string;
	orgId: string;
	/** Counts the member's badges: a newly issued one has a higher serial and revokes the rest. */
	serial: number;
	name: string;
	/** The badge's own Ed25519 public key (hex); its secret half is on the member's devices. */
	badgeKey: string;
}

/** What a badge issued before badges had keys says. */
export type LegacyBadgeClaims = Omit<BadgeClaims, 'badgeKey'>;

export type BadgeProblem = 'malformed' | 'unknown-key' | 'signature' | 'revoked';

export type BadgeCheck = { ok: true; claims: BadgeClaims } | { ok: false; problem: BadgeProblem };

/** What a device or the gateway trusts: issuer public keys and the badge revocation list. */
export interface BadgeTrust {
	/** The public key (hex) of a current issuer key; null when unknown or retired. */
	issuerKey(keyId: string): string | null;
	/** Whether the member's badge of this serial was revoked (reissued, or the member withdrawn). */
	isRevoked(memberId: string, serial: number): boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
/** As the registry's schema has it. */
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
/** The claims' fields as a token spells them, after the prefix: keyId to name. */
const CLAIM_FIELDS = 6;

function claimsText(claims: BadgeClaims): string {
	const badgeKey = fromHex(claims.badgeKey);
	if (badgeKey?.length !== 32) throw new Error('Not an Ed25519 public key.');
	return [
		BADGE_PREFIX,
		claims.keyId,
		claims.memberId,
		claims.branchId,
		claims.orgId,
		String(claims.serial),
		toBase64Url(encoder.encode(claims.name)),
		toBase64Url(badgeKey)
	].join(SEPARATOR);
}

export function issueBadgeToken(claims: BadgeClaims, issuerSecretKey: string): string {
	const text = claimsText(claims);
	return `${text}${SEPARATOR}${signText(text, issuerSecretKey)}`;
}

interface ReadBadge {
	claims: BadgeClaims;
	signed: string;
	signature: string;
}

/** The claims both badge versions spell alike, from the fields after the prefix; null if damaged. */
function readClaimFields(fields: readonly string[]): LegacyBadgeClaims | null {
	const [keyId = '', memberId = '', branchId = '', orgId = '', serialText = '', nameText = ''] =
		fields;
	if (!KEY_ID.test(keyId) || ![memberId, branchId, orgId].every((id) => ID.test(id))) return null;
	if (!/^[1-9]\d{0,8}$/.test(serialText)) return null;
	const nameBytes = fromBase64Url(nameText);
	if (!nameBytes) return null;
	let name: string;
	try {
		name = decoder.decode(nameBytes);
	} catch {
		return null;
	}
	if (!name) return null;
	return { keyId, memberId, branchId, orgId, serial: Number(serialText), name };
}

/** Parses without verifying; null for anything that is not a whole badge of ours. */
export function readBadgeToken(text: string): ReadBadge | null {
	const parts = text.trim().split(SEPARATOR);
	if (parts.length !== CLAIM_FIELDS + 3 || parts[0] !== BADGE_PREFIX) return null;
	const claims = readClaimFields(parts.slice(1, CLAIM_FIELDS + 1));
	const badgeKey = fromBase64Url(parts[CLAIM_FIELDS + 1] ?? '');
	if (!claims || badgeKey?.length !== 32) return null;
	return {
		claims: { ...claims, badgeKey: toHex(badgeKey) },
		signed: parts.slice(0, CLAIM_FIELDS + 2).join(SEPARATOR),
		signature: parts[CLAIM_FIELDS + 2] ?? ''
	};
}

/**
 * The claims of a badge issued before badges had keys (`B1~…~<name>~<signature>`), unverified:
 * for the server's upgrade of its own credentials, never to admit anyone.
 */
export function readLegacyBadgeToken(text: string): LegacyBadgeClaims | null {
	const parts = text.trim().split(SEPARATOR);
	if (parts.length !== CLAIM_FIELDS + 2 || parts[0] !== LEGACY_BADGE_PREFIX) return null;
	return readClaimFields(parts.slice(1, CLAIM_FIELDS + 1));
}

/**
 * Verifies a badge token against the issuer keys and the revocation list. A serial newer than
 * any this device has heard of is valid: only revocations are listed, never current serials.
 * A token alone admits nobody: it is checked inside a presentation its badge key signed.
 */
export function checkBadgeToken(text: string, trust: BadgeTrust): BadgeCheck {
	const read = readBadgeToken(text);
	if (!read) return { ok: false, problem: 'malformed' };
	const key = trust.issuerKey(read.claims.keyId);
	if (!key) return { ok: false, problem: 'unknown-key' };
	if (!verifyText(read.signed, read.signature, key)) return { ok: false, problem: 'signature' };
	if (trust.isRevoked(read.claims.memberId, read.claims.serial)) {
		return { ok: false, problem: 'revoked' };
	}
	return { ok: true, claims: read.claims };
}

/**
 * Twelve Crockford characters: 60 bits. A device that holds the registry's digest of a code could
 * try every code offline; 40 bits fell to that in hours, 60 take a GPU years.
 */
export const SHORT_CODE_LENGTH = 12;
/** The eight-character codes of badges issued before: refused when typed (re-issue the badge). */
export const LEGACY_SHORT_CODE_LENGTH = 8;
const GROUP = 4;

/**
 * The code printed under the badge, typed in when a camera fails: Crockford characters derived
 * from the badge's signature, so only the server (which signs) can make one.
 */
export function badgeShortCode(token: string): string {
	const signature = token.slice(token.lastIndexOf(SEPARATOR) + 1);
	return toCrockford(sha256(encoder.encode(signature)), SHORT_CODE_LENGTH);
}

/** Shown in groups of four, XXXX-XXXX-XXXX, to be read out and typed without losing one's place. */
export function formatShortCode(code: string): string {
	return (code.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');
}

function hasLength(typed: string, length: number): boolean {
	return new RegExp(`^[0-9A-Z]{${length}}$`).test(normalizeCrockford(typed));
}

export function isShortCode(typed: string): boolean {
	return hasLength(typed, SHORT_CODE_LENGTH);
}

/** A code of a badge issued before codes were lengthened: it no longer checks anyone in. */
export function isLegacyShortCode(typed: string): boolean {
	return hasLength(typed, LEGACY_SHORT_CODE_LENGTH);
}

/**
 * What the badge registry keeps of a short code: a digest, so a secretary's device that holds
 * the branch's entries still cannot show or type in a member's code without the badge.
 */
export function shortCodeDigest(typed: string): string {
	return toHex(sha256(encoder.encode(`baodao-badge:${normalizeCrockford(typed)}`)));
}
