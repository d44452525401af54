import { describe, expect, it } from 'vitest';
import { withSecurityHeaders } from './security-headers';

const request = (headers: Record<string, string> = {}) =>
	new Request('http://baodao.lan/api/session', { headers });

describe('withSecurityHeaders', () => {
	it('forbids sniffing, framing and referrers on every answer', () => {
		const answer = withSecurityHeaders(request(), new Response('{}'));
		expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
		expect(answer.headers.get('x-frame-options')).toBe('DENY');
		expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
	});

	it('gives an answer without a policy one that lets nothing run, and keeps a page’s own', () => {
		const json = withSecurityHeaders(request(), new Response('{}'));
		expect(json.headers.get('content-security-policy')).toBe(
			"default-src 'none'; frame-ancestors 'none'"
		);
		const pagePolicy = "script-src 'self' 'sha256-abc'";
		const page = withSecurityHeaders(
			request(),
			new Response('<!doctype html>', { headers: { 'content-security-policy': pagePolicy } })
		);
		expect(page.headers.get('content-security-policy')).toBe(pagePolicy);
	});

	it('sends HSTS only when the proxy says the answer went out over HTTPS', () => {
		const plain = withSecurityHeaders(request(), new Response(''));
		expect(plain.headers.get('strict-transport-security')).toBeNull();
		const overHttp = withSecurityHeaders(
			request({ 'x-forwarded-proto': 'http' }),
			new Response('')
		);
		expect(overHttp.headers.get('strict-transport-security')).toBeNull();
		const secure = withSecurityHeaders(request({ 'x-forwarded-proto': 'https' }), new Response(''));
		expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000');
	});
});
