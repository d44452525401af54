import type { PeriodProblem } from '../domain/certificates/certificate-content';
import type { Certificate } from '../domain/certificates/certificates';
import { signedInDevice } from './device-context.svelte';

/** Where issuing stands while it runs. */
export type IssueStep = 'issuing' | 'syncing';

export type IssueOutcome =
	| { ok: true; certificate: Certificate; here: boolean }
	| { ok: false; reason: 'offline' | 'nothing' | 'not-found' | 'failed' }
	| { ok: false; reason: 'period'; problem: PeriodProblem };

export type RevokeOutcome = 'revoked' | 'already' | 'offline' | 'failed';

async function post(path: string, body: unknown): Promise<Response | null> {
	try {
		return await fetch(path, {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	} catch {
		return null;
	}
}

/**
 * Issuing and revoking certificates: the server computes, signs and stores them, so both need a
 * connection; the result reaches the replica by sync. Call during component initialisation.
 */
export function certificateActions() {
	const device = signedInDevice();
	const here = async (id: string) => (await device.db.evaluations.findOne(id).exec()) !== null;
	return {
		issue: async (
			memberId: string,
			period: { from: string; to: string },
			onStep: (step: IssueStep) => void
		): Promise<IssueOutcome> => {
			if (!navigator.onLine) return { ok: false, reason: 'offline' };
			onStep('issuing');
			const response = await post('/api/certificates', { memberId, ...period });
			if (!response) return { ok: false, reason: 'offline' };
			const body = (await response.json().catch(() => ({}))) as {
				certificate?: Certificate;
				error?: string;
			};
			if (response.status === 201 && body.certificate) {
				onStep('syncing');
				await device.syncNow().catch(() => undefined);
				return { ok: true, certificate: body.certificate, here: await here(body.certificate.id) };
			}
			if (response.status === 422) return { ok: false, reason: 'nothing' };
			if (response.status === 404) return { ok: false, reason: 'not-found' };
			if (body.error?.startsWith('period_'))
				return {
					ok: false,
					reason: 'period',
					problem: body.error.slice('period_'.length) as PeriodProblem
				};
			return { ok: false, reason: 'failed' };
		},
		revoke: async (id: string, reason: string): Promise<RevokeOutcome> => {
			if (!navigator.onLine) return 'offline';
			const response = await post(`/api/certificates/${encodeURIComponent(id)}/revoke`, {
				reason
			});
			if (!response) return 'offline';
			if (response.status === 409) return 'already';
			if (response.status !== 201) return 'failed';
			await device.syncNow().catch(() => undefined);
			return 'revoked';
		}
	};
}
