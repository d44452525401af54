import { isServedOverHttps } from './request-origin';

/**
 * For answers that are no page (JSON of the API and sync, files): nothing in them may run or load
 * anything, should a browser ever be led to open one as a document. Pages carry the app's own
 * policy, which SvelteKit writes with the hashes of its inline script (`kit.csp`).
 */
const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A year: long enough to matter, short enough to undo a move away from HTTPS. */
const HSTS = 'max-age=31536000';

/** The headers every answer carries, whatever it is. */
export function securityHeaders(request: Request): Record<string, string> {
	return {
		// Files are taken for what their Content-Type says, never sniffed into script or style.
		'x-content-type-options': 'nosniff',
		// No page of another site may frame ours (clickjacking); `frame-ancestors` says the same
		// to browsers that read the policy.
		'x-frame-options': 'DENY',
		// Addresses name members and reports (`/coverage/member/…`); no other site learns them.
		'referrer-policy': 'no-referrer',
		// Only an answer that came over HTTPS can promise HTTPS; plain http on a LAN stays usable.
		...(isServedOverHttps(request) ? { 'strict-transport-security': HSTS } : {})
	};
}

/** Adds the security headers to `response`, and the non-page policy when it has none of its own. */
export function withSecurityHeaders(request: Request, response: Response): Response {
	const headers = securityHeaders(request);
	if (!response.headers.has('content-security-policy')) {
		headers['content-security-policy'] = NON_PAGE_POLICY;
	}
	for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
	return response;
}
