/** What a request tells of the page that sent it and of the connection it came over. */

const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/**
 * A page of another site, or of another port of this host, can make a signed-in browser send a
 * state-changing request here with the person's cookie; only our own pages may. Browsers say
 * where a request comes from in `Sec-Fetch-Site` (which a page cannot set), older ones only in
 * `Origin`. Of `Origin`, hosts (with their ports) are compared, not schemes: without `ORIGIN`
 * set, adapter-node takes every request for https, while `npm start` on a LAN serves plain http.
 * A request carrying neither header comes from no browser, so it cannot carry a victim's cookie.
 */
export function isCrossOriginWrite(request: Request): boolean {
	if (!STATE_CHANGING.has(request.method)) return false;
	const site = request.headers.get('sec-fetch-site');
	// `same-site` includes another port of the same host; `none` (a typed address) is no write.
	if (site !== null) return site !== 'same-origin';
	const origin = request.headers.get('origin');
	if (origin === null) return false;
	try {
		return new URL(origin).host !== new URL(request.url).host;
	} catch {
		// `Origin: null` (a sandboxed frame, a file) is no page of ours.
		return true;
	}
}

/**
 * TLS ends at the reverse proxy in front of the app (adapter-node speaks plain HTTP), which says so
 * in `X-Forwarded-Proto`. The request URL's own scheme is not evidence: without `ORIGIN` set,
 * adapter-node assumes https for every request.
 */
export function isServedOverHttps(request: Request): boolean {
	return request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
