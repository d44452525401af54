import {
	fromBase64Url,
	normalizeCrockford,
	toBase64Url,
	toCrockford
} from '../codes/byte-encoding';
import { signText, verifyText } from '../codes/ed25519-signing';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../records/service-record';
import {
	isDay,
	MAX_ORGANISATIONS,
	type CertificateContent,
	type CertificateLine
} from './certificate-content';
import { CODE_LENGTH } from './certificates';

/**
 * A signed certificate: `C1~<keyId>~<payload>~<signature>`, the payload the canonical text of the
 * content (base64url of its UTF-8), the signature the server's certificate key's over everything
 * before it. The whole content travels in the token, so what the checker is shown is what was
 * signed, whatever the paper says. `~` appears in neither base64url nor key ids.
 */
export const CERTIFICATE_PREFIX = 'C1';
const SEPARATOR = '~';
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;

/** Random bytes the server draws for a code (8 bytes give 64 bits; 60 are used). */
export const CODE_BYTES = 8;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A code from random bytes (the server's `randomBytes(CODE_BYTES)`). */
export function certificateCode(random: Uint8Array): string {
	if (random.length < CODE_BYTES) throw new Error('Too few random bytes for a code.');
	return toCrockford(random, CODE_LENGTH);
}

/** What a person typed, as a code; null when it cannot be one. */
export function typedCode(typed: string): string | null {
	const code = normalizeCrockford(typed);
	return new RegExp(`^[0-9A-Z]{${CODE_LENGTH}}$`).test(code) ? code : null;
}

/** Printed in groups of four, XXXX-XXXX-XXXX. */
export function formatCode(code: string): string {
	return (code.match(/.{1,4}/g) ?? []).join('-');
}

/**
 * The canonical text of a content: one JSON array in a fixed order, so the same content always
 * gives the same bytes whatever order an object's keys were built in.
 */
export function canonicalPayload(content: CertificateContent): string {
	return JSON.stringify([
		content.code,
		content.name,
		content.organisations,
		content.moreOrganisations,
		content.from,
		content.to,
		content.lines.map((line) => [line.category, line.services, line.minutes]),
		content.services,
		content.minutes,
		content.issuer,
		content.issuedOn,
		content.validUntil
	]);
}

const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1_000_000_000;
const isText = (value: unknown, max: number): value is string =>
	typeof value === 'string' && value.length > 0 && value.length <= max;

function lineOf(value: unknown): CertificateLine | null {
	if (!Array.isArray(value) || value.length !== 3) return null;
	const [category, services, minutes] = value as unknown[];
	if (!SERVICE_CATEGORIES.includes(category as ServiceCategory)) return null;
	if (!isCount(services) || !isCount(minutes)) return null;
	return { category: category as ServiceCategory, services, minutes };
}

/** The content a canonical text spells; null for anything else. */
export function contentOfPayload(text: string): CertificateContent | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return null;
	}
	if (!Array.isArray(parsed) || parsed.length !== 12) return null;
	const [code, name, places, more, from, to, rawLines, services, minutes, issuer, issuedOn, until] =
		parsed as unknown[];
	if (typeof code !== 'string' || typedCode(code) !== code) return null;
	if (!isText(name, 50) || !isText(issuer, 100)) return null;
	if (
		!Array.isArray(places) ||
		places.length > MAX_ORGANISATIONS ||
		!places.every((place) => isText(place, 100))
	)
		return null;
	if (!isCount(more) || !isCount(services) || !isCount(minutes)) return null;
	if (![from, to, issuedOn, until].every((day) => typeof day === 'string' && isDay(day)))
		return null;
	if (!Array.isArray(rawLines)) return null;
	const lines = rawLines.map(lineOf);
	if (lines.some((line) => line === null)) return null;
	return {
		code,
		name,
		organisations: places,
		moreOrganisations: more,
		from: from as string,
		to: to as string,
		lines: lines as CertificateLine[],
		services,
		minutes,
		issuer,
		issuedOn: issuedOn as string,
		validUntil: until as string
	};
}

export function signCertificate(
	content: CertificateContent,
	key: { keyId: string; secretKey: string }
): string {
	const payload = toBase64Url(encoder.encode(canonicalPayload(content)));
	const signed = [CERTIFICATE_PREFIX, key.keyId, payload].join(SEPARATOR);
	return `${signed}${SEPARATOR}${signText(signed, key.secretKey)}`;
}

export interface ReadCertificate {
	keyId: string;
	content: CertificateContent;
	signed: string;
	signature: string;
}

/**
 * Parses a token without verifying it: for showing one's own stored certificate; never to tell
 * anyone it is genuine (`checkCertificate`).
 */
export function readCertificateToken(token: string): ReadCertificate | null {
	const parts = token.trim().split(SEPARATOR);
	if (parts.length !== 4 || parts[0] !== CERTIFICATE_PREFIX) return null;
	const [, keyId = '', payload = '', signature = ''] = parts;
	if (!KEY_ID.test(keyId)) return null;
	const bytes = fromBase64Url(payload);
	if (!bytes) return null;
	let text: string;
	try {
		text = decoder.decode(bytes);
	} catch {
		return null;
	}
	const content = contentOfPayload(text);
	// Only the canonical spelling: the same content signed twice must be the same token.
	if (!content || canonicalPayload(content) !== text) return null;
	return { keyId, content, signed: parts.slice(0, 3).join(SEPARATOR), signature };
}

export interface CertificateRevoked {
	revokedAt: string;
}

/** What the checker trusts: the server's certificate keys and its revocations. */
export interface CertificateTrust {
	/** The public key (hex) of a certificate key; null when unknown. */
	publicKey(keyId: string): string | null;
	/** The revocation of a certificate by its code, if any. */
	revocation(code: string): CertificateRevoked | null;
}

export type CertificateVerdict =
	| { state: 'valid' | 'expired'; content: CertificateContent }
	| { state: 'revoked'; content: CertificateContent; revokedAt: string }
	/** The signature fails, the key is unknown, or the token is damaged: nothing it says holds. */
	| { state: 'tampered' };

export type CertificateState = CertificateVerdict['state'];

/**
 * The verdict on a token at `today` (a Shanghai day): tampered unless the signature holds; then
 * revoked (whatever the date), expired after its last valid day, else valid.
 */
export function checkCertificate(
	token: string,
	trust: CertificateTrust,
	today: string
): CertificateVerdict {
	const read = readCertificateToken(token);
	if (!read) return { state: 'tampered' };
	const key = trust.publicKey(read.keyId);
	if (!key || !verifyText(read.signed, read.signature, key)) return { state: 'tampered' };
	const revoked = trust.revocation(read.content.code);
	if (revoked) return { state: 'revoked', content: read.content, revokedAt: revoked.revokedAt };
	if (today > read.content.validUntil) return { state: 'expired', content: read.content };
	return { state: 'valid', content: read.content };
}
