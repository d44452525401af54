import { canRead } from '../domain/access/channels';
import {
	MAX_FILE_BYTES,
	isFileHash,
	parseFileOwner,
	sniffFileType,
	type FileOwner
} from '../domain/files/file-rules';
import { kindOf } from '../domain/registry';
import type { ApiHandler } from './api-endpoint';
import { authenticate, type Caller } from './authentication';
import { readStored } from './doc-lookup';
import { readFile, sha256Hex, storeFile } from './evidence-files';
import { HttpError, errorResponse, json } from './http-json';
import type { ServerContext } from './server-context';
import { plainOf } from './stored-doc';
import { TokenBuckets, type BucketRule } from './token-buckets';

/** Uploads one person may make: a claim's three photos at a time, not a bulk store. */
export const FILE_UPLOAD_RULE: BucketRule = { burst: 30, perMinute: 30 };
/** Reads: a list of photos opened at once; the device caches what it read (content-addressed). */
export const FILE_READ_RULE: BucketRule = { burst: 200, perMinute: 200 };

/**
 * Missing file, a document the caller cannot read or that does not cite the file: all the same
 * answer, so nobody learns whether a hidden document or a file exists.
 */
const NOT_FOUND = () => new HttpError(404, 'not_found', 'No such file.');
const TOO_LARGE = () =>
	new HttpError(413, 'too_large', `A file may have at most ${MAX_FILE_BYTES} bytes.`);

/** The path's hash and the citing document, each checked for shape; null when either is wrong. */
function addressOf(request: Request): { hash: string; owner: FileOwner } | null {
	const url = new URL(request.url);
	const [, api, files, hash, ...rest] = url.pathname.split('/');
	if (api !== 'api' || files !== 'files' || rest.length > 0 || !isFileHash(hash)) return null;
	const owner = parseFileOwner(url.searchParams.get('doc'));
	return owner ? { hash, owner } : null;
}

/** Whether the caller may read the document and it cites the file. */
async function cites(
	context: ServerContext,
	caller: Caller,
	owner: FileOwner,
	hash: string
): Promise<boolean> {
	// Read afresh, not through the shared reads: a device uploads right after its push of the
	// document, and a "not there" kept from its previous try would refuse it again.
	const [stored] = await readStored(context.store, owner.collection, [owner.docId]);
	if (!stored || stored._deleted || !canRead(new Set(caller.channels), stored['channels'])) {
		return false;
	}
	const doc = plainOf<Record<string, unknown>>(stored);
	return (
		kindOf(owner.collection, doc)
			?.filesOf?.(doc as never)
			.includes(hash) ?? false
	);
}

/** The body, refused beyond MAX_FILE_BYTES without buffering more than that. */
async function readBytes(request: Request): Promise<Uint8Array<ArrayBuffer>> {
	if (!request.body) throw new HttpError(400, 'bad_request', 'The request has no body.');
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > MAX_FILE_BYTES) {
			// Not cancelled: that would close the connection before the 413 is sent. Node discards
			// the rest of an unread body once the answer is out.
			reader.releaseLock();
			throw TOO_LARGE();
		}
		chunks.push(value);
	}
	const body = Buffer.concat(chunks);
	return new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
}

async function upload(context: ServerContext, request: Request, hash: string): Promise<Response> {
	const bytes = await readBytes(request);
	const type = sniffFileType(bytes);
	if (!type) {
		throw new HttpError(415, 'unsupported_media_type', 'Send a JPEG, PNG, WebP or PDF file.');
	}
	if (sha256Hex(bytes) !== hash) {
		throw new HttpError(400, 'hash_mismatch', 'The bytes do not hash to the address.');
	}
	const stored = await storeFile(context.store, hash, { type, bytes }, context.now());
	return json({ hash, stored }, stored ? 201 : 200);
}

async function download(context: ServerContext, hash: string): Promise<Response> {
	const file = await readFile(context.store, hash);
	if (!file) throw NOT_FOUND();
	return new Response(file.bytes, {
		headers: {
			'content-type': file.type,
			'content-length': String(file.bytes.byteLength),
			// The address is the content: it never changes. Private: only who may read the document.
			'cache-control': 'private, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff',
			...(file.type === 'application/pdf'
				? { 'content-disposition': `attachment; filename="${hash.slice(0, 16)}.pdf"` }
				: {})
		}
	});
}

/**
 * `PUT /api/files/<sha256>?doc=<collection>/<id>` stores a file a document the caller can read
 * cites (its kind's `filesOf`); `GET` on the same address reads it back under the same check.
 * The stored type is the one the bytes are, never the one the client declares.
 */
export function filesEndpoint(maxTracked = 10_000): ApiHandler {
	const limits = new TokenBuckets(maxTracked);
	return async (context, request) => {
		try {
			const method = request.method;
			if (method !== 'GET' && method !== 'PUT') {
				throw new HttpError(405, 'method_not_allowed', 'Use GET or PUT.');
			}
			const caller = await authenticate(context, request);
			if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
			const rule = method === 'PUT' ? FILE_UPLOAD_RULE : FILE_READ_RULE;
			const verdict = limits.take(
				`${method} ${caller.actor.username}`,
				rule,
				context.now().getTime()
			);
			if (!verdict.ok) {
				return json(
					{ error: 'too_many_requests', reason: 'Too many file requests; try again later.' },
					429,
					{ 'retry-after': String(verdict.retryAfterSeconds) }
				);
			}
			if (Number(request.headers.get('content-length') ?? '0') > MAX_FILE_BYTES) {
				throw TOO_LARGE();
			}
			const address = addressOf(request);
			if (!address || !(await cites(context, caller, address.owner, address.hash))) {
				throw NOT_FOUND();
			}
			return method === 'PUT'
				? await upload(context, request, address.hash)
				: await download(context, address.hash);
		} catch (error) {
			if (error instanceof HttpError) return errorResponse(error);
			throw error;
		}
	};
}
