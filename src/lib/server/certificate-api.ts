import { randomBytes } from 'node:crypto';
import { channel, inYear } from '../domain/access/channels';
import { isMember, isOfficeOf, type Actor } from '../domain/access/roles';
import { withChannels } from '../domain/access/write-policy';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import {
	certificateContent,
	periodProblem,
	shanghaiIsoDay,
	yearsOf
} from '../domain/certificates/certificate-content';
import {
	certificateCode,
	checkCertificate,
	CODE_BYTES,
	readCertificateToken,
	signCertificate,
	typedCode,
	type CertificateVerdict
} from '../domain/certificates/certificate-token';
import {
	certificateId,
	MAX_REVOCATION_REASON,
	revocationIdOf,
	type Certificate,
	type CertificateRevocation
} from '../domain/certificates/certificates';
import type { Member } from '../domain/registry';
import { authenticate } from './authentication';
import { certificateKey } from './certificate-signer';
import { HttpError, errorResponse, json, readJson } from './http-json';
import type { ServerContext } from './server-context';
import { plainOf, type StoredDoc } from './stored-doc';
import { TokenBuckets, type BucketRule } from './token-buckets';

/** A request names a member, a period, a code or a token and a reason: small. */
const MAX_REQUEST_BYTES = 8 * 1024;
/** Far above a real token (a few hundred characters); only bounds what a bad request sends. */
const MAX_TOKEN_LENGTH = 4000;
/** Checks per address: a desk checking a pile of certificates, never a sweep of codes. */
const VERIFY_RULE: BucketRule = { burst: 20, perMinute: 10 };
const VERIFY_TRACKED = 10_000;
const CODE_ATTEMPTS = 3;

const NOT_FOUND = new HttpError(404, 'not_found', 'No such certificate or member.');

type Fields = Record<string, unknown>;

async function byId(context: ServerContext, db: 'members' | 'evaluations', id: string) {
	const doc = await context.store
		.db(db)
		.get<StoredDoc>(id)
		.catch(() => null);
	return doc ? plainOf<Fields>(doc) : null;
}

async function names(context: ServerContext, ids: readonly string[]): Promise<Map<string, string>> {
	const unique = [...new Set(ids)];
	const found = new Map<string, string>();
	if (unique.length === 0) return found;
	const result = await context.store.db('directory').allDocs({ keys: unique, include_docs: true });
	result.rows.forEach((row, index) => {
		const doc = 'doc' in row ? (row.doc as Fields | null | undefined) : undefined;
		if (doc && typeof doc['name'] === 'string') found.set(unique[index] ?? '', doc['name']);
	});
	return found;
}

/** The member's records and decisions of the years a period touches, from the channel index. */
async function recordDocsOf(
	context: ServerContext,
	memberId: string,
	years: readonly number[]
): Promise<Fields[]> {
	const own = channel.member(memberId);
	const pages = await Promise.all(
		years.flatMap((year) =>
			(['reports', 'reviews'] as const).map((collection) =>
				context.store.channelIndex.reader(collection)(inYear(own, year), '', Infinity)
			)
		)
	);
	return pages.flatMap((page) => page.docs.map((doc) => plainOf<Fields>(doc)));
}

/** The member for themselves, or the office of the member's bureau. */
function mayIssueFor(actor: Actor, member: Member): boolean {
	return isMember(actor, member.id) || isOfficeOf(actor, member.orgId);
}

/**
 * `POST /api/certificates` `{ memberId, from, to }`: the certificate of the member's approved
 * service in the period, signed and stored (kind `certificate`; it reaches the member's and the
 * bureau's devices by sync), answered with the stored document. Anyone else asking is told 404,
 * as for a member who does not exist.
 */
async function issue(context: ServerContext, actor: Actor, request: Request): Promise<Response> {
	const body = ((await readJson(request, MAX_REQUEST_BYTES)) ?? {}) as Fields;
	const { memberId, from, to } = body;
	if (typeof memberId !== 'string' || typeof from !== 'string' || typeof to !== 'string')
		throw new HttpError(400, 'bad_request', 'Send memberId, from and to as strings.');
	const stored = await byId(context, 'members', memberId);
	const member = stored as Member | null;
	if (!member || !mayIssueFor(actor, member)) throw NOT_FOUND;
	const now = context.now();
	const today = shanghaiIsoDay(now);
	const problem = periodProblem(from, to, today);
	if (problem) throw new HttpError(400, `period_${problem}`, 'The period is not one to certify.');
	const docs = await recordDocsOf(context, member.id, yearsOf(from, to));
	const places = await names(context, [
		member.orgId,
		...docs.flatMap((doc) => (typeof doc['communityId'] === 'string' ? [doc['communityId']] : []))
	]);
	const key = await certificateKey(context.store);
	for (let attempt = 1; ; attempt++) {
		const code = certificateCode(new Uint8Array(randomBytes(CODE_BYTES)));
		const content = certificateContent({
			code,
			name: member.name,
			issuer: places.get(member.orgId) ?? member.orgId,
			from,
			to,
			issuedOn: today,
			docs,
			placeName: (id) => places.get(id)
		});
		if (!content)
			throw new HttpError(422, 'nothing_to_certify', 'No approved service in the period.');
		const certificate: Certificate = withChannels('evaluations', {
			id: certificateId(code),
			kind: 'certificate',
			certificateCode: code,
			memberId: member.id,
			memberName: member.name,
			orgId: member.orgId,
			year: shanghaiYear(now),
			signedToken: signCertificate(content, key),
			issuedBy: actor.username,
			issuedAt: now.toISOString(),
			channels: []
		} satisfies Certificate);
		const { id, ...fields } = certificate;
		try {
			await context.store.db('evaluations').put({ ...fields, _id: id });
			return json({ certificate }, 201);
		} catch (error) {
			// Sixty random bits met an earlier code: draw again.
			if ((error as { status?: number }).status !== 409 || attempt === CODE_ATTEMPTS) throw error;
		}
	}
}

/**
 * `POST /api/certificates/<id>/revoke` `{ reason }`: the office of the certificate's bureau
 * revokes it; the server records who, when and why beside it (kind `certificate-revocation`).
 * Revoking twice is 409; anyone else, like an unknown certificate, is 404.
 */
async function revoke(
	context: ServerContext,
	actor: Actor,
	request: Request,
	id: string
): Promise<Response> {
	const { reason } = ((await readJson(request, MAX_REQUEST_BYTES)) ?? {}) as Fields;
	const text = typeof reason === 'string' ? reason.trim() : '';
	if (!text || text.length > MAX_REVOCATION_REASON)
		throw new HttpError(400, 'bad_request', `Give a reason of 1 to ${MAX_REVOCATION_REASON}.`);
	const certificate = (await byId(context, 'evaluations', id)) as Certificate | null;
	if (certificate?.kind !== 'certificate' || !isOfficeOf(actor, certificate.orgId)) throw NOT_FOUND;
	const revocation: CertificateRevocation = withChannels('evaluations', {
		id: revocationIdOf(certificate.certificateCode),
		kind: 'certificate-revocation',
		certificateCode: certificate.certificateCode,
		memberId: certificate.memberId,
		orgId: certificate.orgId,
		year: certificate.year,
		revocationReason: text,
		revokedBy: actor.username,
		revokedAt: context.now().toISOString(),
		channels: []
	} satisfies CertificateRevocation);
	const { id: revocationId, ...fields } = revocation;
	try {
		await context.store.db('evaluations').put({ ...fields, _id: revocationId });
	} catch (error) {
		if ((error as { status?: number }).status === 409)
			throw new HttpError(409, 'already_revoked', 'The certificate is already revoked.');
		throw error;
	}
	return json({ revocation }, 201);
}

async function verdictOf(context: ServerContext, token: string): Promise<CertificateVerdict> {
	const read = readCertificateToken(token);
	if (!read) return { state: 'tampered' };
	const key = await certificateKey(context.store);
	const revocation = (await byId(
		context,
		'evaluations',
		revocationIdOf(read.content.code)
	)) as CertificateRevocation | null;
	return checkCertificate(
		token,
		{
			publicKey: (keyId) => (keyId === key.keyId ? key.publicKey : null),
			revocation: (code) =>
				revocation?.kind === 'certificate-revocation' && revocation.certificateCode === code
					? { revokedAt: revocation.revokedAt }
					: null
		},
		shanghaiIsoDay(context.now())
	);
}

/**
 * `POST /api/public/certificates/verify` `{ token }` (from the QR's fragment) or `{ code }` (typed
 * from the paper), without a session: what the certificate says and whether it is valid, expired
 * or revoked; a token whose signature fails is `tampered`, and says nothing. An unknown code is
 * 404. Limited per client address: codes have 60 bits, but a sweep still costs nothing to refuse.
 */
async function verify(
	context: ServerContext,
	request: Request,
	clientAddress: string,
	limits: TokenBuckets
): Promise<Response> {
	const allowed = limits.take(clientAddress, VERIFY_RULE, context.now().getTime());
	if (!allowed.ok)
		return json({ error: 'too_many', reason: 'Too many checks.' }, 429, {
			'retry-after': String(allowed.retryAfterSeconds)
		});
	const { token, code } = ((await readJson(request, MAX_REQUEST_BYTES)) ?? {}) as Fields;
	if (typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH)
		return json(await verdictOf(context, token));
	const typed = typeof code === 'string' && code.length <= 40 ? typedCode(code) : null;
	if (!typed) throw new HttpError(400, 'bad_request', 'Send a token or a code.');
	const certificate = (await byId(
		context,
		'evaluations',
		certificateId(typed)
	)) as Certificate | null;
	if (certificate?.kind !== 'certificate') throw NOT_FOUND;
	return json(await verdictOf(context, certificate.signedToken));
}

/** The paths `certificateEndpoint` answers. */
export function isCertificatePath(pathname: string): boolean {
	return /^\/api\/(public\/)?certificates(\/|$)/.test(pathname);
}

const REVOKE_PATH = /^\/api\/certificates\/([A-Za-z0-9_.-]{1,128})\/revoke$/;

/**
 * The certificates' endpoints: issuing and revoking for signed-in callers, and the public check.
 * One rate limiter per process for the check.
 */
export function certificateEndpoint() {
	const limits = new TokenBuckets(VERIFY_TRACKED);
	return async (
		context: ServerContext,
		request: Request,
		clientAddress: string
	): Promise<Response> => {
		try {
			if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.');
			const { pathname } = new URL(request.url);
			if (pathname === '/api/public/certificates/verify')
				return await verify(context, request, clientAddress, limits);
			const revoking = REVOKE_PATH.exec(pathname);
			if (pathname !== '/api/certificates' && !revoking)
				throw new HttpError(404, 'not_found', 'No such endpoint.');
			const caller = await authenticate(context, request);
			if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
			return revoking
				? await revoke(context, caller.actor, request, revoking[1] ?? '')
				: await issue(context, caller.actor, request);
		} catch (error) {
			if (error instanceof HttpError) return errorResponse(error);
			throw error;
		}
	};
}
