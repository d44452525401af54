import type { CertificateVerdict } from '../domain/certificates/certificate-token';

export type CheckOutcome =
	| { ok: true; verdict: CertificateVerdict }
	| { ok: false; reason: 'not-found' | 'offline' | 'too-many' | 'failed' };

/**
 * Asks the server whether a certificate is genuine and valid, by the token from its QR code or
 * the number typed from the paper; no session needed (the public check page).
 */
export async function checkCertificateOnline(
	proof: { token: string } | { code: string }
): Promise<CheckOutcome> {
	if (!navigator.onLine) return { ok: false, reason: 'offline' };
	let response: Response;
	try {
		response = await fetch('/api/public/certificates/verify', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(proof)
		});
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (response.status === 404) return { ok: false, reason: 'not-found' };
	if (response.status === 429) return { ok: false, reason: 'too-many' };
	if (!response.ok) return { ok: false, reason: 'failed' };
	return { ok: true, verdict: (await response.json()) as CertificateVerdict };
}
