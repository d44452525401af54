import { serialize } from 'cookie';
import { checkCredentials, normalizeUsername } from './accounts';
import { authenticate, sessionToken } from './authentication';
import {
	DEFAULT_HASHING_GATE,
	HashingBusy,
	HashingGate,
	type HashingGateOptions
} from './hashing-gate';
import { HttpError, errorResponse, json, readJson } from './http-json';
import { verifyPassword } from './passwords';
import type { ServerContext } from './server-context';
import { SESSION_COOKIE, endSession, sessionIdOf, startSession } from './sessions';
import { noticeSignInLocked } from './sign-in-notices';
import { isServedOverHttps } from './request-origin';
import {
	DEFAULT_SIGN_IN_LIMITS,
	SignInLimits,
	type LimitVerdict,
	type SignInLimitsOptions
} from './sign-in-limits';

export const MAX_PASSWORD_LENGTH = 1024;
/** Far above any username (64): only bounds what a bad request makes the limits remember. */
export const MAX_USERNAME_LENGTH = 256;

export interface SignInGuardOptions {
	limits?: SignInLimitsOptions;
	hashing?: HashingGateOptions;
}

/** What protects sign-in in one server process: its rate limits and its hashing gate. */
export interface SignInGuard {
	limits: SignInLimits;
	hashing: HashingGate;
}

export function signInGuard(options: SignInGuardOptions = {}): SignInGuard {
	return {
		limits: new SignInLimits(options.limits ?? DEFAULT_SIGN_IN_LIMITS),
		hashing: new HashingGate(options.hashing ?? DEFAULT_HASHING_GATE)
	};
}

/**
 * `/api/session`: sign in (POST), who am I (GET), sign out (DELETE). `clientAddress` is the
 * caller's address as SvelteKit's `getClientAddress()` gives it (the socket's, or the one the
 * trusted proxy forwarded: docs/operations.md); sign-in attempts are limited per address.
 */
export async function handleSession(
	context: ServerContext,
	guard: SignInGuard,
	request: Request,
	clientAddress: string
): Promise<Response> {
	try {
		switch (request.method) {
			case 'GET':
				return await whoAmI(context, request);
			case 'POST':
				return await signIn(context, guard, request, clientAddress);
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

function cookie(request: Request, value: string, maxAgeSeconds: number): string {
	return serialize(SESSION_COOKIE, value, {
		httpOnly: true,
		sameSite: 'lax',
		secure: isServedOverHttps(request),
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

/** The sign-in body's username (normalised) and password; a 400 for anything else. */
export function credentialsOf(body: unknown): { username: string; password: string } {
	const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
	if (
		typeof username !== 'string' ||
		typeof password !== 'string' ||
		username.length > MAX_USERNAME_LENGTH ||
		password.length > MAX_PASSWORD_LENGTH
	) {
		throw new HttpError(400, 'bad_request', 'Send username and password as strings.');
	}
	return { username: normalizeUsername(username), password };
}

function tooMany(verdict: Extract<LimitVerdict, { ok: false }>): Response {
	return json(
		{ error: 'too_many_requests', reason: 'Too many sign-in attempts; try again later.' },
		429,
		{ 'retry-after': String(verdict.retryAfterSeconds) }
	);
}

function busy(): Response {
	return json({ error: 'busy', reason: 'Too many sign-ins at once; try again shortly.' }, 503, {
		'retry-after': '1'
	});
}

async function signIn(
	context: ServerContext,
	guard: SignInGuard,
	request: Request,
	clientAddress: string
) {
	const now = context.now();
	// Before reading the body: a flood from one address costs no more than this check.
	const byAddress = guard.limits.takeForAddress(clientAddress, now.getTime());
	if (!byAddress.ok) return tooMany(byAddress);
	// Nor does a sign-in the hashing gate would refuse read the body or the store.
	if (guard.hashing.full) return busy();
	const { username, password } = credentialsOf(await readJson(request));
	const byUsername = guard.limits.takeForUsername(clientAddress, username, now.getTime());
	if (!byUsername.ok) return tooMany(byUsername);
	let account;
	try {
		account = await checkCredentials(context.store.db('accounts'), username, password, now, {
			address: clientAddress,
			verify: (given, stored) => guard.hashing.run(() => verifyPassword(given, stored)),
			onLock: (locked, at) =>
				noticeSignInLocked(context.store, locked._id, at).catch((error: unknown) =>
					console.error('Writing a sign-in notice failed:', error)
				)
		});
	} catch (error) {
		if (!(error instanceof HashingBusy)) throw error;
		return busy();
	}
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
