import { withChannels } from '../domain/access/write-policy';
import { isStaffOf } from '../domain/access/roles';
import { isTokenCount, normalizeRatingToken } from '../domain/work-reports/rating-tokens';
import {
	isRatingGrade,
	MAX_RATING_COMMENT,
	ratingFields,
	residentRatingId,
	type Rating
} from '../domain/work-reports/ratings';
import {
	isWorkReport,
	ratingPeriodEnd,
	SECTION_KEYS,
	type WorkReport
} from '../domain/work-reports/work-report';
import { authenticate } from './authentication';
import { HttpError, errorResponse, json, readJson } from './http-json';
import { issueRatingTokens, markTokenUsed, tokenHashOf, tokenRecordOf } from './rating-tokens';
import { getIfExists } from './read-by-id';
import type { ServerContext } from './server-context';
import { plainOf } from './stored-doc';
import { TokenBuckets, type BucketRule } from './token-buckets';
import { isWellFormedValue } from './well-formed-text';

/** A token, a grade and a comment of 300 characters fit well within this. */
const MAX_PUBLIC_BODY = 4 * 1024;
const MAX_ISSUE_BODY = 1024;
/** Per client address: a household rating with a few slips, not a script trying tokens. */
const PUBLIC_RULE: BucketRule = { burst: 20, perMinute: 10 };
const TRACKED_ADDRESSES = 10_000;

const NOT_FOUND = new HttpError(404, 'not_found', 'No such report.');
const TOKEN_INVALID = new HttpError(410, 'token_invalid', 'The token is unknown or expired.');
const TOKEN_USED = new HttpError(409, 'token_used', 'The token has been used.');

export type WorkReportHandler = (
	context: ServerContext,
	request: Request,
	clientAddress: string
) => Promise<Response>;

/**
 * `POST /api/rating-tokens` (community staff) and `POST /api/public/rating` (anyone with a
 * token). Construct once per server: the public endpoint's rate limits live in it.
 */
export function workReportEndpoint(): WorkReportHandler {
	const limits = new TokenBuckets(TRACKED_ADDRESSES);
	return async (context, request, clientAddress) => {
		try {
			if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.');
			const { pathname } = new URL(request.url);
			if (pathname === '/api/rating-tokens') return await issueTokens(context, request);
			if (pathname !== '/api/public/rating') throw new HttpError(404, 'not_found', 'No such API.');
			const verdict = limits.take(clientAddress, PUBLIC_RULE, context.now().getTime());
			if (!verdict.ok) {
				return json({ error: 'too_many_requests', reason: 'Too many tries; wait a little.' }, 429, {
					'retry-after': String(verdict.retryAfterSeconds)
				});
			}
			return await publicRating(context, request);
		} catch (error) {
			if (error instanceof HttpError) return errorResponse(error);
			throw error;
		}
	};
}

async function reportOf(context: ServerContext, reportId: unknown): Promise<WorkReport | null> {
	if (typeof reportId !== 'string' || !reportId.startsWith('work-report.')) return null;
	const stored = await getIfExists(context.store.db('reports'), reportId);
	if (!stored || stored['_deleted']) return null;
	const report = plainOf<WorkReport>(stored);
	return isWorkReport(report) ? report : null;
}

/**
 * `{ reportId, count }` → `{ tokens, expiresAt }`: the community's staff issue one-time tokens
 * for a submitted report of their community, while its ratings are open. A report that is not
 * theirs is 404, as one that does not exist.
 */
async function issueTokens(context: ServerContext, request: Request): Promise<Response> {
	const caller = await authenticate(context, request);
	if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
	const { reportId, count } = ((await readJson(request, MAX_ISSUE_BODY)) ?? {}) as Record<
		string,
		unknown
	>;
	const report = await reportOf(context, reportId);
	if (!report || !isStaffOf(caller.actor, report.communityId)) throw NOT_FOUND;
	if (!isTokenCount(count)) throw new HttpError(400, 'bad_request', 'count is 1 to 200.');
	if (!report.submittedAt) throw new HttpError(409, 'not_submitted', 'The report is a draft.');
	const now = context.now();
	if (now >= ratingPeriodEnd(report.year)) {
		throw new HttpError(409, 'closed', 'The report’s ratings have closed.');
	}
	return json(await issueRatingTokens(context.store, report, count, caller.actor.username, now));
}

/** What a resident sees of the report: no member, no figure about a person, no contact. */
async function announced(context: ServerContext, report: WorkReport) {
	const directory = context.store.db('directory');
	const [branch, community] = await Promise.all([
		getIfExists(directory, report.branchId),
		getIfExists(directory, report.communityId)
	]);
	return {
		year: report.year,
		branchName: typeof branch?.['name'] === 'string' ? branch['name'] : '',
		communityName: typeof community?.['name'] === 'string' ? community['name'] : '',
		secretaryName: report.secretaryName,
		sections: SECTION_KEYS.map((key) => ({ key, text: report.sections[key].text }))
	};
}

/**
 * `{ token }` → the report the token rates; `{ token, grade, comment? }` → the rating, once.
 * Unknown and expired tokens share one answer (410); a used one is 409.
 */
async function publicRating(context: ServerContext, request: Request): Promise<Response> {
	const body = ((await readJson(request, MAX_PUBLIC_BODY)) ?? {}) as Record<string, unknown>;
	if (!isWellFormedValue(body)) throw new HttpError(400, 'bad_request', 'Malformed text.');
	const token = typeof body['token'] === 'string' ? normalizeRatingToken(body['token']) : null;
	if (!token) throw TOKEN_INVALID;
	const now = context.now();
	const tokenHash = tokenHashOf(token);
	const record = await tokenRecordOf(context.store, tokenHash, now);
	if (!record) throw TOKEN_INVALID;
	if (record.usedAt) throw TOKEN_USED;
	const report = await reportOf(context, record.reportId);
	if (!report?.submittedAt || now >= ratingPeriodEnd(report.year)) throw TOKEN_INVALID;
	if (body['grade'] === undefined) return json({ report: await announced(context, report) });
	const { grade, comment } = body;
	if (!isRatingGrade(grade)) throw new HttpError(400, 'bad_request', 'Send a grade.');
	if (comment !== undefined && (typeof comment !== 'string' || comment.length > MAX_RATING_COMMENT))
		throw new HttpError(400, 'bad_request', 'The comment is at most 300 characters.');
	const text = typeof comment === 'string' ? comment.trim() : '';
	const rating = withChannels('reviews', {
		id: residentRatingId(report.id, tokenHash),
		kind: 'rating',
		...ratingFields(report),
		raterGroup: 'resident',
		grade,
		...(text ? { comment: text } : {}),
		updatedAt: now.toISOString(),
		channels: []
	} satisfies Rating);
	const { id, ...fields } = rating;
	// Created, never updated: of two uses at once the store lets one through, the other conflicts.
	const [written] = await context.writes.bulkDocs('reviews', [{ ...fields, _id: id }]);
	if (written && 'error' in written && written.error) {
		if (written.status === 409 || written.name === 'conflict') throw TOKEN_USED;
		throw new Error(`Writing a resident's rating failed: ${String(written.message)}`);
	}
	await markTokenUsed(context.store, record, now);
	return json({ ok: true });
}
