import type { RatingGrade } from '../domain/work-reports/ratings';
import type { SectionKey } from '../domain/work-reports/work-report';

/*
 * The public rating page's calls (`POST /api/public/rating`): no session, no replica — a
 * resident's phone holds nothing of the app.
 */

/** What a resident sees of the report their token rates. */
export interface AnnouncedReport {
	year: number;
	branchName: string;
	communityName: string;
	secretaryName: string;
	sections: { key: SectionKey; text: string }[];
}

export type PublicRatingFailure =
	'token-invalid' | 'token-used' | 'busy' | 'offline' | 'invalid' | 'server';

export class PublicRatingError extends Error {
	constructor(readonly failure: PublicRatingFailure) {
		super(failure);
	}
}

async function post<T>(body: unknown): Promise<T> {
	let response: Response;
	try {
		response = await fetch('/api/public/rating', {
			method: 'POST',
			credentials: 'omit',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	} catch {
		throw new PublicRatingError('offline');
	}
	const answer = (await response.json().catch(() => null)) as (T & { error?: unknown }) | null;
	if (response.ok && answer) return answer;
	if (answer?.error === 'token_used') throw new PublicRatingError('token-used');
	if (response.status === 410) throw new PublicRatingError('token-invalid');
	if (response.status === 429) throw new PublicRatingError('busy');
	if (response.status === 400) throw new PublicRatingError('invalid');
	throw new PublicRatingError('server');
}

/** The report a token rates; refuses used, unknown and expired tokens. */
export async function openRating(token: string): Promise<AnnouncedReport> {
	return (await post<{ report: AnnouncedReport }>({ token })).report;
}

/** The resident's rating: once per token. */
export async function sendRating(
	token: string,
	grade: RatingGrade,
	comment: string
): Promise<void> {
	await post<{ ok: true }>({ token, grade, ...(comment.trim() ? { comment } : {}) });
}
