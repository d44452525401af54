import { authenticate, type Caller } from './authentication';
import { HttpError, errorResponse } from './http-json';
import type { ServerContext } from './server-context';

export type ApiHandler = (context: ServerContext, request: Request) => Promise<Response>;

/**
 * The frame of an `/api` endpoint taking one method from a signed-in caller: a wrong method is
 * 405, no session 401, and an `HttpError` thrown by `run` becomes its JSON answer. A POST from
 * another origin never gets here (`BaodaoServer.handle`, request-origin.ts).
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
			const caller = await authenticate(context, request);
			if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
			return await run(caller, context, request);
		} catch (error) {
			if (error instanceof HttpError) return errorResponse(error);
			throw error;
		}
	};
}
