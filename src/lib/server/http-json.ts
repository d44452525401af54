/** JSON responses and request bodies for the API and the sync gateway. */

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The deepest nesting of arrays and objects a body may have. No document of ours comes near it;
 * what walks a parsed body recursively (schema validation, `JSON.stringify`, the store) overflows
 * the stack on a few thousand levels, which would answer 500.
 */
export const MAX_JSON_DEPTH = 64;

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	const text = JSON.stringify(body);
	return new Response(text, {
		status,
		headers: {
			'content-type': 'application/json',
			'cache-control': 'no-store',
			// Known up front, so compression can leave a small answer alone without reading it.
			'content-length': String(Buffer.byteLength(text)),
			...headers
		}
	});
}

export function errorResponse(error: HttpError): Response {
	return json({ error: error.code, reason: error.message }, error.status);
}

/**
 * Reads a JSON body, refusing more than `maxBytes` (default MAX_BODY_BYTES) without buffering it
 * all first.
 */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) throw tooLarge(maxBytes);
	if (!request.body) throw new HttpError(400, 'bad_request', 'The request has no body.');
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw tooLarge(maxBytes);
		}
		chunks.push(value);
	}
	const body = Buffer.concat(chunks);
	if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
		throw new HttpError(400, 'bad_request', `The body is nested deeper than ${MAX_JSON_DEPTH}.`);
	}
	try {
		return JSON.parse(body.toString('utf8')) as unknown;
	} catch {
		throw new HttpError(400, 'bad_request', 'The body is not valid JSON.');
	}
}

/**
 * The named fields of a request body, each a string no longer than its limit; a 400 naming them
 * for anything else (a missing body, another type, an overlong text).
 */
export function stringFields<K extends string>(
	body: unknown,
	limits: Record<K, number>
): Record<K, string> {
	const fields = (body ?? {}) as Record<string, unknown>;
	const names = Object.keys(limits) as K[];
	for (const name of names) {
		const value = fields[name];
		if (typeof value !== 'string' || value.length > limits[name])
			throw new HttpError(400, 'bad_request', `Send ${names.join(' and ')} as strings.`);
	}
	return Object.fromEntries(names.map((name) => [name, fields[name]])) as Record<K, string>;
}

function tooLarge(maxBytes: number) {
	return new HttpError(413, 'too_large', `The body is larger than ${maxBytes} bytes.`);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether brackets outside strings nest deeper than `max`, scanned on the bytes before parsing
 * (UTF-8 never puts these ASCII bytes inside a multi-byte character); strings are skipped with
 * `indexOf`, so a body of long texts costs little. Malformed JSON is left to the parser.
 */
export function nestedDeeperThan(body: Buffer, max: number): boolean {
	let depth = 0;
	for (let i = 0; i < body.length; i++) {
		const byte = body[i];
		if (byte === QUOTE) {
			i = closingQuote(body, i);
			if (i < 0) return false;
		} else if (byte === 0x5b || byte === 0x7b) {
			// `[` or `{`
			if (++depth > max) return true;
		} else if (byte === 0x5d || byte === 0x7d) depth--;
	}
	return false;
}

/** The index of the quote that ends the string opened at `start`, or -1. */
function closingQuote(body: Buffer, start: number): number {
	let end = body.indexOf(QUOTE, start + 1);
	while (end !== -1 && escaped(body, end)) end = body.indexOf(QUOTE, end + 1);
	return end;
}

/** Whether the byte at `at` follows an odd number of backslashes. */
function escaped(body: Buffer, at: number): boolean {
	let count = 0;
	while (body[at - 1 - count] === BACKSLASH) count++;
	return count % 2 === 1;
}
