import { randomBytes } from 'node:crypto';
import { isAward, MAX_OBJECTIONS, objectionId, type Award } from '../domain/awards/awards';
import {
	objectionFrom,
	objectionInputOf,
	publicNotice,
	type ObjectionProblem
} from '../domain/awards/public-notice';
import { toCrockford } from '../domain/codes/byte-encoding';
import { isValidId } from '../domain/schema/ids';
import { HttpError, errorResponse, json, readJson } from './http-json';
import { getIfExists } from './read-by-id';
import type { ServerContext } from './server-context';
import { plainOf } from './stored-doc';
import { TokenBuckets, type BucketRule } from './token-buckets';
import { isWellFormedValue } from './well-formed-text';

/** Reading a notice: a person on a phone, not a crawler. */
export const NOTICE_PAGE_RULE: BucketRule = { burst: 60, perMinute: 60 };
/** Objecting: a few from one address, then one every few minutes. */
export const OBJECTION_RULE: BucketRule = { burst: 5, perMinute: 0.2 };
/** An objection's text of 1000 characters and a name and contact, with room for JSON's escapes. */
export const MAX_OBJECTION_BODY_BYTES = 16 * 1024;

/** Unknown, and not announced (a draft, a decision not yet made public): one answer. */
const NOT_FOUND = () => new HttpError(404, 'not_found', 'No such notice.');

const REFUSALS: Record<ObjectionProblem, HttpError> = {
	'not-open': new HttpError(409, 'notice_closed', 'The notice takes no objections now.'),
	'text-missing': new HttpError(400, 'text_missing', 'Say what the objection is.'),
	'text-too-long': new HttpError(400, 'text_too_long', 'The objection is too long.'),
	'name-too-long': new HttpError(400, 'name_too_long', 'The name is too long.'),
	'contact-too-long': new HttpError(400, 'contact_too_long', 'The contact is too long.'),
	'nominee-unknown': new HttpError(400, 'nominee_unknown', 'No such person on the notice.')
};

/** The announced award, read afresh; anything else is 404. */
async function announcedAward(context: ServerContext, id: string | undefined): Promise<Award> {
	if (!id || !isValidId(id) || !id.startsWith('award.')) throw NOT_FOUND();
	const stored = await getIfExists(context.store.db('evaluations'), id);
	if (!stored || stored['_deleted']) throw NOT_FOUND();
	const award = plainOf<Award>(stored);
	if (!isAward(award) || !publicNotice(award, context.now())) throw NOT_FOUND();
	return award;
}

/** A receipt the objector quotes when asking the office after the objection: 8 characters. */
function receipt(): string {
	const code = toCrockford(new Uint8Array(randomBytes(8)), 8);
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** How many objections the award holds, by their ids (numbered from 1). */
async function objectionsSoFar(context: ServerContext, award: Award): Promise<number> {
	const first = objectionId(award.id, 1);
	const prefix = first.slice(0, -1);
	const page = await context.store
		.db('evaluations')
		.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` });
	return page.rows.filter((row) => !row.id.endsWith('.outcome')).length;
}

/**
 * Stores the objection as the award's next number: of two at once, the store takes one under a
 * number and refuses the other (409), which takes the next.
 */
async function storeObjection(
	context: ServerContext,
	award: Award,
	body: unknown
): Promise<string> {
	const input = objectionInputOf(body);
	if (!input || !isWellFormedValue(body))
		throw new HttpError(400, 'bad_request', 'Send text, and name, contact, nominee if any.');
	const code = receipt();
	let number = (await objectionsSoFar(context, award)) + 1;
	for (; number <= MAX_OBJECTIONS; number++) {
		const made = objectionFrom(
			award,
			input,
			{ receipt: code, now: context.now() },
			objectionId(award.id, number)
		);
		if (!made.ok) throw REFUSALS[made.problem];
		const { id, ...fields } = made.doc;
		try {
			await context.store.db('evaluations').put({ ...fields, _id: id });
			return code;
		} catch (error) {
			if ((error as { status?: unknown } | null)?.status !== 409) throw error;
		}
	}
	throw new HttpError(409, 'notice_full', 'The notice takes no more objections.');
}

/**
 * The public notices of awards (R18), without a session: `GET /api/public/notices/<awardId>` is
 * what was announced; `POST /api/public/notices/<awardId>/objections` `{ text, name?, contact?,
 * nominee? }` objects while the period is open and answers a receipt. The objection, its contact
 * with it, goes to the bureau's office only. Limited per client address.
 */
export function publicNoticesEndpoint(maxTracked = 10_000) {
	const limits = new TokenBuckets(maxTracked);
	return async (
		context: ServerContext,
		request: Request,
		clientAddress: string
	): Promise<Response> => {
		try {
			const parts = new URL(request.url).pathname.split('/').slice(4);
			const objecting = parts.length === 2 && parts[1] === 'objections';
			if (!(parts.length === 1 || objecting)) throw NOT_FOUND();
			const method = objecting ? 'POST' : 'GET';
			if (request.method !== method) {
				throw new HttpError(405, 'method_not_allowed', `Use ${method}.`);
			}
			const verdict = limits.take(
				`${objecting ? 'objection' : 'page'} ${clientAddress}`,
				objecting ? OBJECTION_RULE : NOTICE_PAGE_RULE,
				context.now().getTime()
			);
			if (!verdict.ok) {
				return json(
					{ error: 'too_many_requests', reason: 'Too many requests; try again later.' },
					429,
					{ 'retry-after': String(verdict.retryAfterSeconds) }
				);
			}
			const award = await announcedAward(context, parts[0]);
			if (!objecting) return json({ notice: publicNotice(award, context.now()) });
			const body = await readJson(request, MAX_OBJECTION_BODY_BYTES);
			return json({ receipt: await storeObjection(context, award, body) }, 201);
		} catch (error) {
			if (error instanceof HttpError) return errorResponse(error);
			throw error;
		}
	};
}

/** Whether the path is this endpoint's. */
export function isPublicNoticePath(pathname: string): boolean {
	return pathname.startsWith('/api/public/notices/');
}
