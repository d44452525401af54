import { MAX_FILE_BYTES } from '../domain/files/file-rules';
import { errorResponse, HttpError } from './http-json';

/**
 * adapter-node has one body limit for every route (`BODY_SIZE_LIMIT`), set for the largest body
 * any route takes: an evidence file. Every other route keeps the 8 MB it had, refused here
 * before a byte is read; below that the gateway's own 4 MB JSON limit answers (http-json.ts).
 */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** A file and nothing more: `BODY_SIZE_LIMIT` is set to this or above (`npm start`: 11M). */
export const FILE_BODY_LIMIT_BYTES = MAX_FILE_BYTES;

export function bodyLimitFor(pathname: string): number {
	return pathname.startsWith('/api/files/') ? FILE_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
}

/**
 * A 413 for a request declaring a body over its route's limit; null otherwise. A body sent
 * without a declared length is limited where it is read (http-json.ts, files-api.ts).
 */
export function oversizeBody(request: Request): Response | null {
	const declared = Number(request.headers.get('content-length') ?? '0');
	// Most requests carry no body or a small one: no need to look at the address.
	if (!(declared > BODY_LIMIT_BYTES)) return null;
	const limit = bodyLimitFor(new URL(request.url).pathname);
	if (declared <= limit) return null;
	return errorResponse(new HttpError(413, 'too_large', `The body is larger than ${limit} bytes.`));
}
