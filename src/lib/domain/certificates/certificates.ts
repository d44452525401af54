import { channel, inYear, normalizeChannels } from '../access/channels';
import { summaryYear } from '../evaluation/summary-schema';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';

/**
 * A member's service record certificate as the server issued it (kind `certificate` of
 * `evaluations`). Only the server writes it (`policy: null`): the content is computed there from
 * the approved records and signed with the server's certificate key. The signed token carries
 * the whole content; the fields beside it say whose it is and who may read it.
 */
export interface Certificate {
	/** `certificate.<code>`: the typed code finds it. */
	id: string;
	kind: 'certificate';
	certificateCode: string;
	memberId: string;
	memberName: string;
	orgId: string;
	/** The Shanghai year of issue: the bureau reads it in that year's channel. */
	year: number;
	signedToken: string;
	/** Username of whoever asked for it: the member, or someone of the office. */
	issuedBy: string;
	issuedAt: string;
	channels: string[];
}

/**
 * The office's revocation of a certificate (kind `certificate-revocation`), written by the server
 * beside the certificate, never over it: the certificate stays as signed, and a check finds it
 * revoked. One per certificate, append-only. The reason reaches the member and the office; the
 * public check says only that and when it was revoked.
 */
export interface CertificateRevocation {
	/** `<certificate id>.revocation`. */
	id: string;
	kind: 'certificate-revocation';
	certificateCode: string;
	memberId: string;
	orgId: string;
	/** The certificate's year of issue, so the revocation reaches whoever reads the certificate. */
	year: number;
	revocationReason: string;
	revokedBy: string;
	revokedAt: string;
	channels: string[];
}

export const MAX_REVOCATION_REASON = 300;

export function certificateId(code: string): string {
	return `certificate.${code}`;
}

export function revocationIdOf(code: string): string {
	return `${certificateId(code)}.revocation`;
}

export function isCertificate(doc: { kind?: unknown }): doc is Certificate {
	return doc.kind === 'certificate';
}

export function isCertificateRevocation(doc: { kind?: unknown }): doc is CertificateRevocation {
	return doc.kind === 'certificate-revocation';
}

/** The member's own channel (not yearly: a certificate outlives the open years) and the bureau's. */
function certificateChannels(doc: { memberId: string; orgId: string; year: number }): string[] {
	return normalizeChannels([
		channel.member(doc.memberId),
		inYear(channel.bureau(doc.orgId), doc.year)
	]);
}

/**
 * A certificate's short code: 12 Crockford characters, 60 random bits — far beyond guessing within
 * the public check's rate limit (certificate-token.ts makes them).
 */
export const CODE_LENGTH = 12;

const certificateCode = { type: 'string', pattern: `^[0-9A-Z]{${CODE_LENGTH}}$` } as const;

export const certificates: KindDefinition<Certificate> = {
	name: 'certificate',
	kindValues: ['certificate'],
	schema: {
		title: 'certificate',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['certificate'] },
			certificateCode,
			memberId: idRef,
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			orgId: idRef,
			year: summaryYear,
			signedToken: { type: 'string', minLength: 1, maxLength: 4000 },
			issuedBy: { type: 'string', minLength: 1, maxLength: 64 },
			issuedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'certificateCode',
			'memberId',
			'memberName',
			'orgId',
			'year',
			'signedToken',
			'issuedBy',
			'issuedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: certificateChannels,
	policy: null
};

export const certificateRevocations: KindDefinition<CertificateRevocation> = {
	name: 'certificate-revocation',
	kindValues: ['certificate-revocation'],
	schema: {
		title: 'certificate-revocation',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['certificate-revocation'] },
			certificateCode,
			memberId: idRef,
			orgId: idRef,
			year: summaryYear,
			revocationReason: { type: 'string', minLength: 1, maxLength: MAX_REVOCATION_REASON },
			revokedBy: { type: 'string', minLength: 1, maxLength: 64 },
			revokedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'certificateCode',
			'memberId',
			'orgId',
			'year',
			'revocationReason',
			'revokedBy',
			'revokedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: certificateChannels,
	policy: null
};
