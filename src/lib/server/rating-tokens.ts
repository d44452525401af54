import { createHash, randomBytes } from 'node:crypto';
import { ratingTokenFrom, RATING_TOKEN_LENGTH } from '../domain/work-reports/rating-tokens';
import { ratingPeriodEnd, type WorkReport } from '../domain/work-reports/work-report';
import { getIfExists } from './read-by-id';
import type { Store } from './store';

/**
 * Residents' one-time rating tokens, stored as their SHA-256 only (in the server-only `config`
 * database, like activation codes): they are random (80 bits), so a slow hash would add nothing.
 * A token's document `rating-token:<hash>` names the report it rates; the rating it allows is
 * named after the hash too (ratings.ts), so the store itself lets one use through.
 */
const PREFIX = 'rating-token:';

/** A type, not an interface: the store takes it as a plain record. */
export type TokenRecord = {
	_id: string;
	_rev?: string;
	reportId: string;
	issuedBy: string;
	issuedAt: string;
	expiresAt: string;
	usedAt?: string;
};

export function tokenHashOf(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** N new tokens for a submitted report, valid until its rating period ends. Shown once. */
export async function issueRatingTokens(
	store: Store,
	report: WorkReport,
	count: number,
	by: string,
	now: Date
): Promise<{ tokens: string[]; expiresAt: string }> {
	const expiresAt = ratingPeriodEnd(report.year).toISOString();
	const tokens = Array.from({ length: count }, () =>
		ratingTokenFrom(new Uint8Array(randomBytes(RATING_TOKEN_LENGTH)))
	);
	const records: TokenRecord[] = tokens.map((token) => ({
		_id: PREFIX + tokenHashOf(token),
		reportId: report.id,
		issuedBy: by,
		issuedAt: now.toISOString(),
		expiresAt
	}));
	const results = await store.db('config').bulkDocs(records);
	// 80 random bits do not collide; a failed row is the store failing, not a duplicate.
	if (results.some((result) => 'error' in result && result.error)) {
		throw new Error('Storing rating tokens failed.');
	}
	return { tokens, expiresAt };
}

/** The token's record while it may be used at `now` (unused or not), else null. */
export async function tokenRecordOf(
	store: Store,
	tokenHash: string,
	now: Date
): Promise<TokenRecord | null> {
	const record = (await getIfExists(store.db('config'), PREFIX + tokenHash)) as TokenRecord | null;
	if (!record || typeof record.reportId !== 'string') return null;
	return new Date(record.expiresAt) > now ? record : null;
}

/**
 * Notes the token as used, for whoever looks at the tokens later; the rating named after it is
 * what refuses a second use. Best effort: a failure here changes nothing a resident sees.
 */
export async function markTokenUsed(store: Store, record: TokenRecord, now: Date): Promise<void> {
	await store
		.db('config')
		.put({ ...record, usedAt: now.toISOString() })
		.catch((error: unknown) => console.error('Marking a rating token used failed:', error));
}
