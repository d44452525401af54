import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Compression of the JSON answers of `/sync/…` and `/api/records/…`, as the client's
 * Accept-Encoding asks (RFC 9110 §12.5.3). The async zlib calls run on libuv's thread pool, so
 * the event loop keeps serving while a page is compressed.
 */

export type Coding = 'br' | 'gzip' | 'identity';

/**
 * Below this many bytes an answer goes out as it is: it fits in one TCP segment (MSS ~1,460)
 * with its headers either way, so compressing would cost CPU and save no packet. Most answers
 * that small are empty longpolls and error replies.
 */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * Brotli at quality 4 compresses a page of 100 documents as fast as gzip at level 6 and ~9%
 * smaller; quality 5 costs 1.5× for 5% less, brotli's default (11) hundreds of times as much
 * (docs/performance.md).
 */
export const BROTLI_QUALITY = 4;
export const GZIP_LEVEL = 6;

/** The live change stream is long-lived and sends as it goes: it is never buffered or compressed. */
const UNCOMPRESSED_PATHS = new Set(['/sync/_stream']);

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Each coding's weight (q-value) as the header gives it; absent codings are not listed. */
function weights(acceptEncoding: string): Map<string, number> {
	const listed = new Map<string, number>();
	for (const entry of acceptEncoding.split(',')) {
		const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
		if (name === '') continue;
		let q = 1;
		for (const param of params) {
			const match = /^q=([01](?:\.\d{0,3})?)$/.exec(param);
			if (match) q = Math.min(1, Number(match[1]));
			else if (param.startsWith('q=')) q = Number.NaN;
		}
		// A malformed weight makes the entry void rather than guessed.
		if (Number.isNaN(q)) continue;
		listed.set(name === 'x-gzip' ? 'gzip' : name, q);
	}
	return listed;
}

/**
 * The coding for an answer of `bytes` bytes: the accepted one of highest weight (brotli on a
 * tie: smaller at the same CPU), or none for a small answer, when nothing is asked, or when the
 * client prefers none. `identity;q=0` (or `*;q=0` without identity) forbids the uncompressed
 * form, so even a small answer is then compressed; if the client accepts nothing we can make,
 * it gets the answer uncompressed, which the RFC allows rather than a 406.
 */
export function chooseCoding(acceptEncoding: string | null, bytes: number): Coding {
	if (acceptEncoding === null) return 'identity';
	const listed = weights(acceptEncoding);
	const weight = (name: string) => listed.get(name) ?? listed.get('*') ?? 0;
	const br = weight('br');
	const gz = weight('gzip');
	if (br === 0 && gz === 0) return 'identity';
	// Unlisted, identity is acceptable but not preferred over a listed coding.
	const identity = listed.get('identity') ?? listed.get('*');
	const prefersIdentity = identity !== undefined && identity > Math.max(br, gz);
	if (identity !== 0 && (bytes < MIN_COMPRESSED_BYTES || prefersIdentity)) return 'identity';
	return br >= gz ? 'br' : 'gzip';
}

/** `body` in `coding`, at the gateway's level, on the thread pool. */
export async function compress(
	coding: Exclude<Coding, 'identity'>,
	body: Uint8Array
): Promise<Uint8Array<ArrayBuffer>> {
	const out =
		coding === 'gzip'
			? await gzipAsync(body, { level: GZIP_LEVEL })
			: await brotliAsync(body, {
					params: {
						[constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
						[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
						[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
					}
				});
	// Copied out of zlib's Buffer into the plain Uint8Array a Response takes: a few KB.
	return new Uint8Array(out);
}

function isJson(response: Response): boolean {
	return (response.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json');
}

/**
 * `response` compressed as `request` asks, if it is a complete JSON answer worth compressing.
 * Every such answer says `Vary: Accept-Encoding`, so a cache in between keeps the forms apart.
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	if (
		!response.body ||
		!isJson(response) ||
		response.headers.has('content-encoding') ||
		UNCOMPRESSED_PATHS.has(new URL(request.url).pathname)
	)
		return response;
	const acceptEncoding = request.headers.get('accept-encoding');
	const declared = Number(response.headers.get('content-length') ?? Number.POSITIVE_INFINITY);
	// Without an acceptable coding, or small as declared, the answer goes out as it is, unread: a
	// burst of phones' pushes is a hundred small answers (docs/performance.md, (g)).
	if (chooseCoding(acceptEncoding, declared) === 'identity') {
		response.headers.append('vary', 'Accept-Encoding');
		return response;
	}
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	const init = { status: response.status, statusText: response.statusText, headers };
	const body = new Uint8Array(await response.arrayBuffer());
	const coding = chooseCoding(acceptEncoding, body.byteLength);
	if (coding === 'identity') return new Response(body, init);
	const compressed = await compress(coding, body);
	headers.set('content-encoding', coding);
	headers.set('content-length', String(compressed.byteLength));
	return new Response(compressed, init);
}
