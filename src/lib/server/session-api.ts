import { serialize } from 'cookie';
import { checkCredentials } from './accounts';
import { authenticate, sessionToken } from './authentication';
import { HttpError, errorResponse, json, readJson } from './http-json';
import type { ServerContext } from './server-context';
import { SESSION_COOKIE, endSession, sessionIdOf, startSession } from './sessions';

/** `/api/session`: sign in (POST), who am I (GET), sign out (DELETE). */
export async function handleSession(context: ServerContext, request: Request): Promise<Response> {
	try {
		switch (request.method) {
			case 'GET':
				return await whoAmI(context, request);
			case 'POST':
				return await signIn(context, request);
			case 'DELETE':
				return await signOut(context, request);
			default:
				throw new HttpError(405, 'method_not_allowed', 'Use GET, POST or DELETE.');
		}
	} catch (error) {
		if (error instanceof HttpError) return errorResponse(error);
		throw error;
	}
}

/**
 * TLS ends at the reverse proxy in front of the app (adapter-node speaks plain HTTP), which says so
 * in X-Forwarded-Proto. The request URL's own protocol is not evidence: without ORIGIN set,
 * adapter-node assumes https, and a Secure cookie would then be dropped on plain-HTTP LAN use.
 */
function isHttps(request: Request): boolean {
	return request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

function cookie(request: Request, value: string, maxAgeSeconds: number): string {
	return serialize(SESSION_COOKIE, value, {
		httpOnly: true,
		sameSite: 'lax',
		secure: isHttps(request),
		path: '/',
		maxAge: maxAgeSeconds
	});
}

async function whoAmI(context: ServerContext, request: Request) {
	const caller = await authenticate(context, request);
	if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
	const { actor } = caller;
	return json({
		user: {
			username: actor.username,
			displayName: caller.displayName,
			...(actor.memberId ? { memberId: actor.memberId } : {}),
			...(actor.branchId ? { branchId: actor.branchId } : {}),
			...(actor.orgId ? { orgId: actor.orgId } : {})
		},
		roles: actor.roles,
		channels: caller.channels
	});
}

async function signIn(context: ServerContext, request: Request) {
	const body = (await readJson(request)) as { username?: unknown; password?: unknown } | null;
	const username = body?.username;
	const password = body?.password;
	if (typeof username !== 'string' || typeof password !== 'string' || password.length > 1024) {
		throw new HttpError(400, 'bad_request', 'Send username and password as strings.');
	}
	const now = context.now();
	const account = await checkCredentials(
		context.store.db('accounts'),
		username.trim().toLowerCase(),
		password,
		now
	);
	// One answer for every failure: wrong name, wrong password or a locked account.
	if (!account)
		throw new HttpError(
			401,
			'unauthorized',
			'Wrong username or password, or the account is locked for a while.'
		);
	const session = await startSession(
		context.store.db('sessions'),
		account._id,
		now,
		context.sessionTtlMs
	);
	const response = await whoAmI(context, withCookie(request, session.token));
	response.headers.append(
		'set-cookie',
		cookie(request, session.token, Math.floor(context.sessionTtlMs / 1000))
	);
	return response;
}

async function signOut(context: ServerContext, request: Request) {
	const token = sessionToken(request);
	if (token) {
		await endSession(context.store.db('sessions'), token);
		context.callers.forget(sessionIdOf(token));
	}
	return json({ ok: true }, 200, { 'set-cookie': cookie(request, '', 0) });
}

/** The same request as if it already carried the new session's cookie. */
function withCookie(request: Request, token: string): Request {
	const headers = new Headers(request.headers);
	headers.set('cookie', serialize(SESSION_COOKIE, token));
	return new Request(request.url, { method: 'GET', headers });
}
