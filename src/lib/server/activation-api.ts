import { normalizeActivationCode } from '../domain/accounts/activation-codes';
import { hasRole, isOfficeOf } from '../domain/access/roles';
import { MAX_ROSTER_ROWS } from '../domain/roster/roster-columns';
import { updateAccount, USERNAME_PATTERN, type Account } from './accounts';
import { audit, type Acting } from './accounts-api';
import { issuedCodes } from './account-views';
import {
	accountOfCode,
	codeHashOf,
	codeIsValid,
	forgetCodes,
	issueActivations
} from './activation-store';
import { recordAudit } from './audit-log';
import { authenticate } from './authentication';
import { HashingBusy } from './hashing-gate';
import { HttpError, errorResponse, json, readJson, stringFields } from './http-json';
import { hashPassword } from './passwords';
import type { ServerContext } from './server-context';
import {
	busy,
	checkPolicy,
	errorAnswer,
	MAX_PASSWORD_LENGTH,
	mobileOf,
	openSession,
	tooMany,
	type SignInGuard
} from './session-api';

const CODE_INVALID = new HttpError(
	410,
	'code_invalid',
	'The activation code is unknown, used or expired.'
);
/** Far above a typed code (10 characters and a dash); only bounds what a bad request sends. */
const MAX_CODE_LENGTH = 64;
/** The bucket of activation tries per address, beside its sign-in tries per username. */
const ACTIVATION_BUCKET = '\u0000activate';

/**
 * `POST /api/activate` `{ code, password }`, without a session: sets the first password (or the
 * one after a reset), clears the code and the lockouts, and signs in — the same answer as a
 * sign-in. Unknown, used and expired codes share one answer (410). Tries are limited per
 * address like sign-ins; a code has 50 bits, far beyond guessing within them.
 */
export async function handleActivate(
	context: ServerContext,
	guard: SignInGuard,
	request: Request,
	clientAddress: string
): Promise<Response> {
	try {
		if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.');
		const now = context.now();
		const byAddress = guard.limits.takeForAddress(clientAddress, now.getTime());
		if (!byAddress.ok) return tooMany(byAddress);
		const tries = guard.limits.takeForUsername(clientAddress, ACTIVATION_BUCKET, now.getTime());
		if (!tries.ok) return tooMany(tries);
		const { code: typed, password } = stringFields(await readJson(request), {
			code: MAX_CODE_LENGTH,
			password: MAX_PASSWORD_LENGTH
		});
		const code = normalizeActivationCode(typed);
		const account = code ? await accountOfCode(context.store, code, now) : null;
		if (!code || !account) throw CODE_INVALID;
		checkPolicy(password, {
			username: account._id,
			displayName: account.displayName,
			mobile: await mobileOf(context, account)
		});
		const passwordHash = await guard.hashing.run(() => hashPassword(password));
		const codeHash = codeHashOf(code);
		// Only while the code is still the account's: of two uses at once, one wins.
		const activated = await updateAccount(context.store.db('accounts'), account, (fresh) => {
			if (!codeIsValid(fresh, codeHash, now)) return null;
			const next: Account = {
				...fresh,
				passwordHash,
				passwordChangedAt: now.toISOString(),
				failedLogins: 0
			};
			delete next.activation;
			delete next.lockouts;
			return next;
		});
		if (!activated) throw CODE_INVALID;
		await forgetCodes(context.store, [codeHash]);
		await recordAudit(context.store, {
			at: now,
			actor: activated._id,
			action: 'account.activate',
			target: activated._id,
			...(activated.orgId ? { orgId: activated.orgId } : {}),
			address: clientAddress
		});
		return await openSession(context, request, activated._id);
	} catch (error) {
		if (error instanceof HashingBusy) return busy();
		if (error instanceof HttpError) return errorAnswer(error);
		throw error;
	}
}

const NOT_FOUND = new HttpError(404, 'not_found', 'No such bureau or account.');

/**
 * `POST /api/activation-codes` `{ orgId, usernames? }`: new codes for the bureau's accounts still
 * waiting for activation — the named ones, or all of them — replacing earlier codes. Accounts
 * already activated are left out (their people need a reset instead); naming an account of another
 * bureau, or one that does not exist, is 404.
 */
export async function handleActivationCodes(
	context: ServerContext,
	request: Request,
	clientAddress: string
): Promise<Response> {
	try {
		if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.');
		const caller = await authenticate(context, request);
		if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
		const { orgId, usernames } = ((await readJson(request)) ?? {}) as {
			orgId?: unknown;
			usernames?: unknown;
		};
		const actor = caller.actor;
		if (typeof orgId !== 'string') throw new HttpError(400, 'bad_request', 'Send orgId.');
		if (!hasRole(actor, 'admin') && !isOfficeOf(actor, orgId)) throw NOT_FOUND;
		if (
			usernames !== undefined &&
			(!Array.isArray(usernames) ||
				usernames.length > MAX_ROSTER_ROWS ||
				!usernames.every((name) => typeof name === 'string'))
		)
			throw new HttpError(400, 'bad_request', 'usernames is a list of usernames.');
		const act: Acting = { context, caller, address: clientAddress, now: context.now() };
		const accounts =
			usernames === undefined
				? await pendingOf(context, orgId)
				: await named(context, orgId, usernames);
		const pending = accounts.filter(
			(account) => account.passwordHash === '' && !account.deactivatedAt
		);
		const issued = await issueActivations(context.store, pending, actor.username, act.now);
		await audit(act, 'activation.issue', {
			target: orgId,
			orgId,
			details: { count: issued.length }
		});
		return json({ codes: await issuedCodes(context.store, issued) });
	} catch (error) {
		if (error instanceof HttpError) return errorResponse(error);
		throw error;
	}
}

async function named(
	context: ServerContext,
	orgId: string,
	usernames: string[]
): Promise<Account[]> {
	const unique = [...new Set(usernames)];
	if (!unique.every((name) => USERNAME_PATTERN.test(name))) throw NOT_FOUND;
	const { rows } = await context.store.db('accounts').allDocs({ keys: unique, include_docs: true });
	return rows.map((row) => {
		const account = 'doc' in row ? (row.doc as unknown as Account | null) : null;
		if (!account || account.orgId !== orgId) throw NOT_FOUND;
		return account;
	});
}

/** The bureau's accounts waiting for activation: a walk over the accounts, as for the roster. */
async function pendingOf(context: ServerContext, orgId: string): Promise<Account[]> {
	const { rows } = await context.store.db('accounts').allDocs({ include_docs: true });
	return rows.flatMap((row) => {
		const account = row.doc as unknown as Account | undefined;
		return account && USERNAME_PATTERN.test(row.id) && account.orgId === orgId ? [account] : [];
	});
}
