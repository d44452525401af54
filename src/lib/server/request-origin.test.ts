import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite, isServedOverHttps } from './request-origin';

const URL_ = 'http://baodao.lan:3000/api/badge';

function request(method: string, headers: Record<string, string> = {}): Request {
	return new Request(URL_, { method, headers });
}

describe('isCrossOriginWrite', () => {
	it('lets a state-changing request from our own pages through', () => {
		for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
			expect(isCrossOriginWrite(request(method, { 'sec-fetch-site': 'same-origin' }))).toBe(false);
			expect(isCrossOriginWrite(request(method, { origin: 'http://baodao.lan:3000' }))).toBe(false);
		}
	});

	it('refuses a state-changing request from another site or another port of this site', () => {
		for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
			for (const site of ['cross-site', 'same-site', 'none']) {
				expect(isCrossOriginWrite(request(method, { 'sec-fetch-site': site }))).toBe(true);
			}
			for (const origin of ['http://evil.example', 'http://baodao.lan:3001', 'null']) {
				expect(isCrossOriginWrite(request(method, { origin }))).toBe(true);
			}
		}
	});

	it('compares hosts, not schemes, since adapter-node without ORIGIN takes requests for https', () => {
		const lan = new Request('https://baodao.lan:3000/api/badge', {
			method: 'POST',
			headers: { origin: 'http://baodao.lan:3000' }
		});
		expect(isCrossOriginWrite(lan)).toBe(false);
	});

	it('believes Sec-Fetch-Site over Origin, as no page can set it', () => {
		const headers = { 'sec-fetch-site': 'cross-site', origin: 'http://baodao.lan:3000' };
		expect(isCrossOriginWrite(request('POST', headers))).toBe(true);
	});

	it('lets a request carrying neither header through: it comes from no browser', () => {
		expect(isCrossOriginWrite(request('POST'))).toBe(false);
		expect(isCrossOriginWrite(request('DELETE'))).toBe(false);
	});

	it('leaves reads alone, a typed address or another site included', () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS']) {
			expect(isCrossOriginWrite(request(method, { 'sec-fetch-site': 'none' }))).toBe(false);
			expect(isCrossOriginWrite(request(method, { 'sec-fetch-site': 'cross-site' }))).toBe(false);
			expect(isCrossOriginWrite(request(method, { origin: 'http://evil.example' }))).toBe(false);
		}
	});
});

describe('isServedOverHttps', () => {
	it('believes the proxy’s X-Forwarded-Proto, its first value', () => {
		expect(isServedOverHttps(request('GET', { 'x-forwarded-proto': 'https' }))).toBe(true);
		expect(isServedOverHttps(request('GET', { 'x-forwarded-proto': 'https, http' }))).toBe(true);
		expect(isServedOverHttps(request('GET', { 'x-forwarded-proto': 'http' }))).toBe(false);
	});

	it('does not take the request URL’s scheme for evidence', () => {
		expect(isServedOverHttps(new Request('https://baodao.lan/'))).toBe(false);
	});
});
