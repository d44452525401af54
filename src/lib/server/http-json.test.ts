import { describe, expect, it } from 'vitest';
import {
	errorResponse,
	HttpError,
	json,
	stringFields,
	MAX_BODY_BYTES,
	MAX_JSON_DEPTH,
	nestedDeeperThan,
	readJson
} from './http-json';

const URL_ = 'http://localhost/sync/reports/_bulk_docs';

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
	return new Request(URL_, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
		...(body instanceof ReadableStream ? { duplex: 'half' as const } : {})
	});
}

/** A body streamed in chunks, without a content-length; records how much was pulled. */
function streamed(chunks: Iterable<Uint8Array>) {
	const state = { pulled: 0, cancelled: false };
	const iterator = chunks[Symbol.iterator]();
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = iterator.next();
			if (next.done) {
				controller.close();
				return;
			}
			state.pulled += next.value.byteLength;
			controller.enqueue(next.value);
		},
		cancel() {
			state.cancelled = true;
		}
	});
	return { stream, state };
}

function* endless(chunkSize: number): Generator<Uint8Array> {
	const chunk = new TextEncoder().encode('x'.repeat(chunkSize));
	for (;;) yield chunk;
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(HttpError);
		return error as HttpError;
	}
	throw new Error('expected readJson to fail');
}

describe('readJson', () => {
	it('parses a JSON body', async () => {
		const body = { docs: [{ _id: 'a', channels: ['public'], note: '报到' }], new_edits: false };
		expect(await readJson(post(JSON.stringify(body)))).toEqual(body);
	});

	it('accepts a charset and any letter case in the content type', async () => {
		const ok = [
			'application/json; charset=utf-8',
			'Application/JSON',
			'APPLICATION/JSON;charset=UTF-8'
		];
		for (const type of ok) {
			expect(await readJson(post('[1,2]', { 'content-type': type })), type).toEqual([1, 2]);
		}
	});

	it('parses JSON scalars', async () => {
		expect(await readJson(post('null'))).toBeNull();
		expect(await readJson(post('"text"'))).toBe('text');
		expect(await readJson(post(' 42 '))).toBe(42);
	});

	it('refuses other content types with 415', async () => {
		for (const type of [
			'text/plain',
			'application/x-www-form-urlencoded',
			'multipart/form-data',
			''
		]) {
			const request = new Request(URL_, {
				method: 'POST',
				headers: type ? { 'content-type': type } : {},
				body: '{}'
			});
			if (!type) request.headers.delete('content-type');
			const error = await failure(readJson(request));
			expect(error.status, type).toBe(415);
			expect(error.code).toBe('unsupported_media_type');
		}
	});

	it('refuses a declared length over 4 MB with 413 before reading the body', async () => {
		// The body itself is small and valid: only the declared length can refuse it.
		const request = post('{}', { 'content-length': String(MAX_BODY_BYTES + 1) });
		expect(request.headers.get('content-length')).toBe(String(MAX_BODY_BYTES + 1));
		const error = await failure(readJson(request));
		expect(error.status).toBe(413);
		expect(error.code).toBe('too_large');
		expect(request.bodyUsed).toBe(false);
	});

	it('reads a body whose declared length is within the limit', async () => {
		const request = post('{"a":1}', { 'content-length': String(MAX_BODY_BYTES) });
		expect(await readJson(request)).toEqual({ a: 1 });
	});

	it('refuses a streamed body without content-length once it passes 4 MB', async () => {
		expect(MAX_BODY_BYTES).toBe(4 * 1024 * 1024);
		const { stream, state } = streamed(endless(64 * 1024));
		const request = post(stream);
		expect(request.headers.get('content-length')).toBeNull();
		const error = await failure(readJson(request));
		expect(error.status).toBe(413);
		expect(error.code).toBe('too_large');
		// It stopped soon after the limit and cancelled the stream instead of draining it.
		expect(state.pulled).toBeGreaterThan(MAX_BODY_BYTES);
		expect(state.pulled).toBeLessThan(MAX_BODY_BYTES + 4 * 64 * 1024);
		expect(state.cancelled).toBe(true);
	});

	it('refuses a streamed body that understates its content-length', async () => {
		const { stream } = streamed(endless(256 * 1024));
		const error = await failure(readJson(post(stream, { 'content-length': '2' })));
		expect(error.status).toBe(413);
	});

	it('accepts a body of exactly 4 MB and refuses one byte more', async () => {
		const exact = `"${'a'.repeat(MAX_BODY_BYTES - 2)}"`;
		const parsed = await readJson(post(exact));
		expect(typeof parsed === 'string' && parsed.length).toBe(MAX_BODY_BYTES - 2);
		const over = `"${'a'.repeat(MAX_BODY_BYTES - 1)}"`;
		expect((await failure(readJson(post(over)))).status).toBe(413);
	});

	it('counts bytes, not characters', async () => {
		// 1.4 M three-byte characters: 4.2 MB although fewer than 4 M characters.
		const text = `"${'报'.repeat(1_400_000)}"`;
		expect(text.length).toBeLessThan(MAX_BODY_BYTES);
		expect((await failure(readJson(post(text)))).status).toBe(413);
	});

	it('joins UTF-8 characters split across chunks', async () => {
		const bytes = new TextEncoder().encode(JSON.stringify({ name: '双报到' }));
		const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
		const { stream } = streamed(chunks);
		expect(await readJson(post(stream))).toEqual({ name: '双报到' });
	});

	it('refuses malformed JSON with 400', async () => {
		for (const body of ['{', '{"a":}', "{'a':1}", 'undefined', '', '[1,2,]', '{"a":1} trailing']) {
			const error = await failure(readJson(post(body)));
			expect(error.status, body).toBe(400);
			expect(error.code).toBe('bad_request');
		}
	});

	it('refuses a request without a body with 400', async () => {
		const error = await failure(readJson(post(null)));
		expect(error.status).toBe(400);
		expect(error.code).toBe('bad_request');
		const get = new Request(URL_, { headers: { 'content-type': 'application/json' } });
		expect((await failure(readJson(get))).status).toBe(400);
	});

	it('refuses JSON nested deeper than the limit with 400, at any depth beyond it', async () => {
		const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
		await expect(readJson(post(nested(MAX_JSON_DEPTH)))).resolves.toBeInstanceOf(Array);
		for (const text of [
			nested(MAX_JSON_DEPTH + 1),
			nested(10_000),
			`{"docs":[${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}]}`
		]) {
			const error = await failure(readJson(post(text)));
			expect([error.status, error.code]).toEqual([400, 'bad_request']);
		}
	});
});

describe('nestedDeeperThan', () => {
	const bytes = (text: string) => Buffer.from(text, 'utf8');

	it('counts arrays and objects together', () => {
		expect(nestedDeeperThan(bytes('[{"a":[{}]}]'), 4)).toBe(false);
		expect(nestedDeeperThan(bytes('[{"a":[{"b":[]}]}]'), 4)).toBe(true);
	});

	it('ignores brackets inside strings, escaped quotes included', () => {
		expect(nestedDeeperThan(bytes(`["${'[{'.repeat(50)}"]`), 1)).toBe(false);
		expect(nestedDeeperThan(bytes(String.raw`["\"[[[", "x\"]`), 1)).toBe(false);
		// After an escaped backslash the quote closes the string, and the brackets count.
		expect(nestedDeeperThan(bytes(String.raw`["\\", [[]]]`), 2)).toBe(true);
	});

	it('counts siblings at their own depth, not in sum', () => {
		expect(nestedDeeperThan(bytes('[[],[],[],[]]'), 2)).toBe(false);
	});

	it('leaves malformed input to the parser', () => {
		expect(nestedDeeperThan(bytes('["unterminated [[[['), 1)).toBe(false);
		expect(nestedDeeperThan(bytes(']]]]'), 1)).toBe(false);
	});

	it('reads multi-byte characters as string content', () => {
		expect(nestedDeeperThan(bytes('[{"名称":"报到[[[["}]'), 2)).toBe(false);
	});
});

describe('json / errorResponse', () => {
	it('answers JSON that is never cached', async () => {
		const response = json({ ok: true }, 201, { 'x-extra': '1' });
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-extra')).toBe('1');
		expect(await response.json()).toEqual({ ok: true });
		expect(json([]).status).toBe(200);
	});

	it('turns an HttpError into a CouchDB-style error body', async () => {
		const response = errorResponse(new HttpError(413, 'too_large', 'Too big.'));
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({ error: 'too_large', reason: 'Too big.' });
	});

	it('keeps status, code and message on the error', () => {
		const error = new HttpError(415, 'unsupported_media_type', 'Send JSON.');
		expect(error).toBeInstanceOf(Error);
		expect(error.status).toBe(415);
		expect(error.code).toBe('unsupported_media_type');
		expect(error.message).toBe('Send JSON.');
	});
});

describe('stringFields', () => {
	const limits = { code: 4, password: 8 };

	it('gives the named strings within their limits', () => {
		expect(stringFields({ code: 'ab', password: 'secret', other: 1 }, limits)).toEqual({
			code: 'ab',
			password: 'secret'
		});
	});

	it('refuses a missing body, another type or an overlong text, naming the fields', () => {
		for (const body of [
			null,
			{ code: 'ab' },
			{ code: 1, password: 'x' },
			{ code: 'abcde', password: 'x' }
		]) {
			expect(() => stringFields(body, limits)).toThrow(
				expect.objectContaining({ status: 400, message: 'Send code and password as strings.' })
			);
		}
	});
});
