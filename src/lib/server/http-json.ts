/** JSON responses and request bodies for the API and the sync gateway. */

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

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

/** Reads a JSON body, refusing more than MAX_BODY_BYTES without buffering it all first. */
export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > MAX_BODY_BYTES) throw tooLarge();
	if (!request.body) throw new HttpError(400, 'bad_request', 'The request has no body.');
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = request.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > MAX_BODY_BYTES) {
			await reader.cancel();
			throw tooLarge();
		}
		chunks.push(value);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
	} catch {
		throw new HttpError(400, 'bad_request', 'The body is not valid JSON.');
	}
}

function tooLarge() {
	return new HttpError(413, 'too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
}
