import { serialize } from 'cookie';
import {
	checkNewPassword,
	type PasswordOwner,
	type PasswordProblem
} from '../domain/accounts/password-policy';
import {
	checkCredentials,
	normalizeUsername,
	updateAccount,
	type Account,
	type RefusalReason
} from './accounts';
import { recordAudit, type AuditAction } from './audit-log';
import { authenticate, sessionToken } from './authentication';
import {
	DEFAULT_HASHING_GATE,
	HashingBusy,
	HashingGate,
	type HashingGateOptions
} from './hashing-gate';
import { HttpError, errorResponse, json, readJson, stringFields } from './http-json';
import { hashPassword, verifyPassword } from './passwords';
import type { ServerContext } from './server-context';
import {
	SESSION_COOKIE,
	endSession,
	endSessionsListed,
	sessionEnding,
	sessionIdOf,
	startSession
} from './sessions';
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
	if (!caller) {
		// Only the holder of a session its deactivation ended learns why: the device then wipes.
		const token = sessionToken(request);
		const ended =
			token && (await sessionEnding(context.store.db('sessions'), token, context.now()));
		if (ended === 'deactivated')
			throw new HttpError(401, 'deactivated', 'The account has been deactivated.');
		throw new HttpError(401, 'unauthorized', 'Not signed in.');
	}
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
	const { username, password } = stringFields(body, {
		username: MAX_USERNAME_LENGTH,
		password: MAX_PASSWORD_LENGTH
	});
	return { username: normalizeUsername(username), password };
}

export function tooMany(verdict: Extract<LimitVerdict, { ok: false }>): Response {
	return json(
		{ error: 'too_many_requests', reason: 'Too many sign-in attempts; try again later.' },
		429,
		{ 'retry-after': String(verdict.retryAfterSeconds) }
	);
}

export function busy(): Response {
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
	const history = (action: AuditAction, of: Account, details?: { reason: RefusalReason }) =>
		recordAudit(context.store, {
			at: now,
			actor: of._id,
			action,
			...(of.orgId ? { orgId: of.orgId } : {}),
			...(details ? { details } : {}),
			address: clientAddress
		}).catch((error: unknown) => console.error('Writing the sign-in history failed:', error));
	try {
		account = await checkCredentials(context.store.db('accounts'), username, password, now, {
			address: clientAddress,
			verify: (given, stored) => guard.hashing.run(() => verifyPassword(given, stored)),
			onLock: async (locked, at) => {
				await history('sign-in.locked', locked);
				await noticeSignInLocked(context.store, locked._id, at).catch((error: unknown) =>
					console.error('Writing a sign-in notice failed:', error)
				);
			},
			onRefused: (refused, reason) => history('sign-in.failed', refused, { reason })
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
	await history('sign-in', account);
	return await openSession(context, request, account._id);
}

/** Starts a session for `username`: the sign-in answer, with its cookie (also after activation). */
export async function openSession(
	context: ServerContext,
	request: Request,
	username: string
): Promise<Response> {
	const session = await startSession(
		context.store.db('sessions'),
		username,
		context.now(),
		context.sessionTtlMs
	);
	const response = await whoAmI(context, withCookie(request, session.token));
	response.headers.append(
		'set-cookie',
		cookie(request, session.token, Math.floor(context.sessionTtlMs / 1000))
	);
	return response;
}

/** A new password the policy refuses: 400 with the problems, for the screen to name them. */
export class WeakPassword extends HttpError {
	constructor(readonly problems: PasswordProblem[]) {
		super(400, 'weak_password', 'The new password does not meet the password policy.');
	}
}

/** Throws WeakPassword when the policy finds anything wrong with a new password. */
export function checkPolicy(password: string, who: PasswordOwner): void {
	const problems = checkNewPassword(password, who);
	if (problems.length > 0) throw new WeakPassword(problems);
}

/** An error answer; a weak password's also lists its problems. */
export function errorAnswer(error: HttpError): Response {
	return error instanceof WeakPassword
		? json({ error: error.code, reason: error.message, problems: error.problems }, error.status)
		: errorResponse(error);
}

/** The mobile of an account's member, for the password policy; never leaves the server. */
export async function mobileOf(
	context: ServerContext,
	account: Account
): Promise<string | undefined> {
	if (!account.memberId) return undefined;
	const contact = await context.store
		.db('contacts')
		.get(account.memberId)
		.catch(() => null);
	const phone = contact?.['phone'];
	return typeof phone === 'string' ? phone : undefined;
}

/**
 * `/api/session/password` (POST `{ current, password }`): the current password is checked like a
 * sign-in (a wrong one counts towards the lockout), the new one against the policy. The caller's
 * other sessions end: whoever else held one needs the new password now.
 */
export async function handlePasswordChange(
	context: ServerContext,
	guard: SignInGuard,
	request: Request,
	clientAddress: string
): Promise<Response> {
	try {
		if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.');
		const caller = await authenticate(context, request);
		if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
		const now = context.now();
		const username = caller.actor.username;
		const byUsername = guard.limits.takeForUsername(clientAddress, username, now.getTime());
		if (!byUsername.ok) return tooMany(byUsername);
		const { current, password } = stringFields(await readJson(request), {
			current: MAX_PASSWORD_LENGTH,
			password: MAX_PASSWORD_LENGTH
		});
		const accounts = context.store.db('accounts');
		let account: Account | null;
		try {
			account = await checkCredentials(accounts, username, current, now, {
				address: clientAddress,
				verify: (given, stored) => guard.hashing.run(() => verifyPassword(given, stored))
			});
		} catch (error) {
			if (!(error instanceof HashingBusy)) throw error;
			return busy();
		}
		if (!account) throw new HttpError(401, 'wrong_password', 'The current password is wrong.');
		checkPolicy(password, {
			username,
			displayName: account.displayName,
			mobile: await mobileOf(context, account)
		});
		const passwordHash = await guard.hashing.run(() => hashPassword(password));
		const updated = await updateAccount(accounts, account, (fresh) => ({
			...fresh,
			passwordHash,
			passwordChangedAt: now.toISOString()
		}));
		if (!updated) throw new HttpError(409, 'conflict', 'The account changed meanwhile; try again.');
		const token = sessionToken(request);
		const ended = await endSessionsListed(context.store.db('sessions'), username, {
			...(token ? { except: sessionIdOf(token) } : {})
		});
		for (const id of ended) context.callers.forget(id);
		await recordAudit(context.store, {
			at: now,
			actor: username,
			action: 'password.change',
			target: username,
			...(updated.orgId ? { orgId: updated.orgId } : {}),
			address: clientAddress
		});
		return json({ ok: true });
	} catch (error) {
		if (error instanceof HashingBusy) return busy();
		if (error instanceof HttpError) return errorAnswer(error);
		throw error;
	}
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
