import { authenticate, type Caller } from './authentication';
import { HttpError, errorResponse } from './http-json';
import type { ServerContext } from './server-context';

export type ApiHandler = (context: ServerContext, request: Request) => Promise<Response>;

/**
 * The frame of an `/api` endpoint taking one method from a signed-in caller: a wrong method is
 * 405, a POST from another origin 403, no session 401, and an `HttpError` thrown by `run` becomes
 * its JSON answer.
 */
export function signedInEndpoint(
	method: 'GET' | 'POST',
	run: (caller: Caller, context: ServerContext, request: Request) => Promise<Response>
): ApiHandler {
	return async (context, request) => {
		try {
			if (request.method !== method) {
				throw new HttpError(405, 'method_not_allowed', `Use ${method}.`);
			}
			if (method === 'POST' && !fromOwnPages(request)) {
				throw new HttpError(403, 'forbidden', 'Cross-origin requests are refused.');
			}
			const caller = await authenticate(context, request);
			if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
			return await run(caller, context, request);
		} catch (error) {
			if (error instanceof HttpError) return errorResponse(error);
			throw error;
		}
	};
}

/**
 * A page of another site may make a signed-in browser post here; only ours may. Hosts are
 * compared, not schemes: without `ORIGIN` set, adapter-node takes every request for https, while
 * `npm start` on a LAN serves plain http. A request without `Origin` comes from no browser page.
 */
function fromOwnPages(request: Request): boolean {
	const origin = request.headers.get('origin');
	if (origin === null) return true;
	try {
		return new URL(origin).host === new URL(request.url).host;
	} catch {
		return false;
	}
}
