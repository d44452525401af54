import type { ObjectionInput, PublicNotice } from '../domain/awards/public-notice';

/*
 * The public notice page's requests (no session): the announced award from the server, and an
 * objection to it. Online only: the page says so when there is no network.
 */

export type { PublicNotice };

export type NoticeFailure = 'offline' | 'not-found' | 'busy' | 'failed';
export type NoticeAnswer =
	{ ok: true; notice: PublicNotice } | { ok: false; failure: NoticeFailure };

export type ObjectionAnswer =
	| { ok: true; receipt: string }
	| {
			ok: false;
			failure: 'offline' | 'not-open' | 'text-missing' | 'too-long' | 'busy' | 'failed';
	  };

const base = (awardId: string) => `/api/public/notices/${encodeURIComponent(awardId)}`;
const offline = () => globalThis.navigator?.onLine === false;

export async function fetchNotice(awardId: string): Promise<NoticeAnswer> {
	if (offline()) return { ok: false, failure: 'offline' };
	try {
		const response = await fetch(base(awardId), { credentials: 'omit' });
		if (response.status === 404) return { ok: false, failure: 'not-found' };
		if (response.status === 429) return { ok: false, failure: 'busy' };
		if (!response.ok) return { ok: false, failure: 'failed' };
		return { ok: true, notice: ((await response.json()) as { notice: PublicNotice }).notice };
	} catch {
		return { ok: false, failure: offline() ? 'offline' : 'failed' };
	}
}

const FAILURES: Record<string, Extract<ObjectionAnswer, { ok: false }>['failure']> = {
	notice_closed: 'not-open',
	not_found: 'not-open',
	text_missing: 'text-missing',
	text_too_long: 'too-long',
	name_too_long: 'too-long',
	contact_too_long: 'too-long'
};

export async function sendObjection(
	awardId: string,
	input: ObjectionInput
): Promise<ObjectionAnswer> {
	if (offline()) return { ok: false, failure: 'offline' };
	try {
		const response = await fetch(`${base(awardId)}/objections`, {
			method: 'POST',
			credentials: 'omit',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(input)
		});
		if (response.status === 429) return { ok: false, failure: 'busy' };
		const body = (await response.json().catch(() => ({}))) as { receipt?: string; error?: string };
		if (response.ok && body.receipt) return { ok: true, receipt: body.receipt };
		return { ok: false, failure: FAILURES[body.error ?? ''] ?? 'failed' };
	} catch {
		return { ok: false, failure: offline() ? 'offline' : 'failed' };
	}
}
