import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseCoding, compress, compressResponse, MIN_COMPRESSED_BYTES } from './compression';
import { json } from './http-json';

const LARGE = 100_000;

/** A page of changes like the gateway's, well above the threshold. */
function page(rows = 100) {
	return {
		results: Array.from({ length: rows }, (_, i) => ({
			id: `report-${i}`,
			changes: [{ rev: `1-${i}` }],
			doc: { _id: `report-${i}`, state: 'submitted', channels: ['branch:b1', `member:m${i}`] }
		})),
		last_seq: 'token',
		pending: 0
	};
}

function get(acceptEncoding: string | null, path = '/sync/reports/_changes') {
	return new Request(`http://localhost${path}`, {
		headers: acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding }
	});
}

function decoded(body: Uint8Array, coding: string | null): unknown {
	const raw =
		coding === 'br'
			? brotliDecompressSync(body)
			: coding === 'gzip'
				? gunzipSync(body)
				: Buffer.from(body);
	return JSON.parse(raw.toString('utf8'));
}

const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('chooseCoding', () => {
	it('compresses only when asked', () => {
		expect(chooseCoding(null, LARGE)).toBe('identity');
		expect(chooseCoding('', LARGE)).toBe('identity');
		expect(chooseCoding('identity', LARGE)).toBe('identity');
		expect(chooseCoding('deflate', LARGE)).toBe('identity');
	});

	it('prefers brotli when offered, as browsers do', () => {
		expect(chooseCoding('gzip, deflate, br', LARGE)).toBe('br');
		expect(chooseCoding('gzip, deflate, br, zstd', LARGE)).toBe('br');
		expect(chooseCoding('gzip, deflate', LARGE)).toBe('gzip');
		expect(chooseCoding('x-gzip', LARGE)).toBe('gzip');
		expect(chooseCoding('*', LARGE)).toBe('br');
		expect(chooseCoding('GZIP', LARGE)).toBe('gzip');
	});

	it('follows the weights', () => {
		expect(chooseCoding('br;q=0.5, gzip', LARGE)).toBe('gzip');
		expect(chooseCoding('br;q=0.8, gzip;q=0.8', LARGE)).toBe('br');
		expect(chooseCoding('br;q=0, gzip;q=0.1', LARGE)).toBe('gzip');
		expect(chooseCoding('gzip;q=0.5', LARGE)).toBe('gzip');
		expect(chooseCoding('*;q=0.3, br;q=0', LARGE)).toBe('gzip');
		expect(chooseCoding('br;q=0, gzip;q=0', LARGE)).toBe('identity');
		expect(chooseCoding('*;q=0', LARGE)).toBe('identity');
		// The client prefers the uncompressed form.
		expect(chooseCoding('identity, gzip;q=0.5', LARGE)).toBe('identity');
		expect(chooseCoding('*;q=1, br;q=0.2, gzip;q=0.2', LARGE)).toBe('identity');
	});

	it('ignores an entry with a malformed weight', () => {
		expect(chooseCoding('br;q=high, gzip', LARGE)).toBe('gzip');
		expect(chooseCoding('br;q=2', LARGE)).toBe('identity');
		expect(chooseCoding('br;q=0.5;level=1', LARGE)).toBe('br');
	});

	it('leaves small answers uncompressed unless the uncompressed form is refused', () => {
		expect(chooseCoding('gzip, br', MIN_COMPRESSED_BYTES - 1)).toBe('identity');
		expect(chooseCoding('gzip, br', MIN_COMPRESSED_BYTES)).toBe('br');
		expect(chooseCoding('gzip, identity;q=0', 10)).toBe('gzip');
		expect(chooseCoding('br, *;q=0', 10)).toBe('br');
		expect(chooseCoding('br, *;q=0, identity', 10)).toBe('identity');
	});

	it('answers uncompressed when nothing it can make is acceptable, even if identity is refused', () => {
		expect(chooseCoding('deflate, identity;q=0', LARGE)).toBe('identity');
	});
});

describe('compress', () => {
	it('round-trips with both codings', async () => {
		const body = utf8(page());
		const br = await compress('br', body);
		const gz = await compress('gzip', body);
		expect(decoded(br, 'br')).toEqual(page());
		expect(decoded(gz, 'gzip')).toEqual(page());
		expect(br.byteLength).toBeLessThan(body.byteLength / 3);
		expect(gz.byteLength).toBeLessThan(body.byteLength / 3);
	});
});

describe('compressResponse', () => {
	it('compresses a large JSON answer as asked, keeping status and headers', async () => {
		for (const [accept, coding] of [
			['gzip, deflate, br', 'br'],
			['gzip', 'gzip']
		] as const) {
			const response = await compressResponse(get(accept), json(page(), 201));
			expect(response.status).toBe(201);
			expect(response.headers.get('content-encoding')).toBe(coding);
			expect(response.headers.get('vary')).toBe('Accept-Encoding');
			expect(response.headers.get('content-type')).toBe('application/json');
			expect(response.headers.get('cache-control')).toBe('no-store');
			const body = new Uint8Array(await response.arrayBuffer());
			expect(response.headers.get('content-length')).toBe(String(body.byteLength));
			expect(decoded(body, coding)).toEqual(page());
		}
	});

	it('leaves the body as it is when not asked or when small, and says it varies', async () => {
		for (const [request, answer] of [
			[get(null), json(page())],
			[get('gzip, br'), json({ results: [], last_seq: 'token', pending: 0 })],
			[get('gzip, br'), json({ error: 'unauthorized', reason: 'Sign in to sync.' }, 401)]
		] as const) {
			const expected = await answer.clone().text();
			const response = await compressResponse(request, answer);
			expect(response.headers.get('content-encoding')).toBeNull();
			expect(response.headers.get('vary')).toBe('Accept-Encoding');
			expect(response.status).toBe(answer.status);
			expect(await response.text()).toBe(expected);
		}
	});

	it('never touches the live stream, other content or an answer already encoded', async () => {
		const stream = new Response(new ReadableStream(), {
			headers: { 'content-type': 'text/event-stream' }
		});
		expect(await compressResponse(get('br', '/sync/_stream'), stream)).toBe(stream);
		const streamAsJson = json(page());
		expect(await compressResponse(get('br', '/sync/_stream'), streamAsJson)).toBe(streamAsJson);
		const text = new Response('x'.repeat(LARGE), { headers: { 'content-type': 'text/plain' } });
		expect(await compressResponse(get('br'), text)).toBe(text);
		const encoded = new Response(await compress('gzip', utf8(page())), {
			headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }
		});
		expect(await compressResponse(get('br'), encoded)).toBe(encoded);
		const empty = new Response(null, { status: 204 });
		expect(await compressResponse(get('br'), empty)).toBe(empty);
	});
});
