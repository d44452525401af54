import type { Community, Org } from '../domain/registry';
import type { RatingGrade } from '../domain/work-reports/ratings';
import type { SectionKey, WorkReport, WorkReportSection } from '../domain/work-reports/work-report';
import {
	staffRatingToSave,
	workReportToSave,
	type WorkReportProblem
} from '../domain/work-reports/work-report-writes';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { writeChecked } from './local-write';
import type { WriteOutcome } from './write-outcome';

export type WorkReportOutcome = WriteOutcome | { kind: 'problems'; problems: WorkReportProblem[] };

/**
 * The secretary saving and submitting the 述职, and staff rating it: written on the device
 * (offline too) after the gateway's own checks. Call during component initialisation.
 */
export function workReportActions() {
	const device = signedInDevice();
	return {
		saveReport: async (input: {
			year: number;
			branch: Org;
			community: Community | null;
			existing: WorkReport | null;
			sections: Record<SectionKey, WorkReportSection>;
			submit: boolean;
		}): Promise<WorkReportOutcome> => {
			const memberId = device.actor.memberId ?? '';
			const member = memberId ? await device.db.members.findOne(memberId).exec() : null;
			const saved = workReportToSave({
				...input,
				secretary: {
					memberId,
					name: member?.name ?? device.session.user.displayName,
					username: device.actor.username
				},
				now: currentTime()
			});
			if (!saved.ok) return { kind: 'problems', problems: saved.problems };
			return device.write((db, actor) => writeChecked(db, 'reports', actor, saved.doc));
		},
		rate: async (input: {
			report: WorkReport;
			raterGroup: 'street' | 'community';
			grade: RatingGrade;
			comment: string;
		}): Promise<WorkReportOutcome> => {
			const saved = staffRatingToSave({
				...input,
				username: device.actor.username,
				now: currentTime()
			});
			if (!saved.ok) return { kind: 'problems', problems: saved.problems };
			return device.write((db, actor) =>
				writeChecked(db, 'reviews', actor, saved.doc, input.report)
			);
		}
	};
}

export type TokenFailure =
	'offline' | 'not-found' | 'not-submitted' | 'closed' | 'invalid' | 'server';

export class TokenError extends Error {
	constructor(readonly failure: TokenFailure) {
		super(failure);
	}
}

function failureOf(status: number, code: unknown): TokenFailure {
	if (code === 'not_submitted') return 'not-submitted';
	if (code === 'closed') return 'closed';
	if (status === 400) return 'invalid';
	if (status === 401 || status === 403 || status === 404) return 'not-found';
	return 'server';
}

/**
 * One-time rating tokens for residents (`POST /api/rating-tokens`): online only, since the
 * server keeps their hashes; the tokens themselves exist only in this answer.
 */
export async function issueRatingTokens(
	reportId: string,
	count: number
): Promise<{ tokens: string[]; expiresAt: string }> {
	let response: Response;
	try {
		response = await fetch('/api/rating-tokens', {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ reportId, count })
		});
	} catch {
		throw new TokenError('offline');
	}
	const body = (await response.json().catch(() => null)) as {
		tokens?: string[];
		expiresAt?: string;
		error?: unknown;
	} | null;
	if (!response.ok || !body?.tokens || !body.expiresAt) {
		throw new TokenError(failureOf(response.status, body?.error));
	}
	return { tokens: body.tokens, expiresAt: body.expiresAt };
}
