import type { RoleGrant, RoleName } from '../domain/access/roles';
import type { AccountState } from '../domain/accounts/account-states';
import type { AccountDetail, AccountSummary, IssuedCode } from '../domain/accounts/account-summary';
import type { AuditAction, AuditEntry } from '../domain/accounts/audit-entries';
import type { PasswordProblem } from '../domain/accounts/password-policy';
import { device } from './device.svelte';
import type { SessionInfo } from './session-client';

/*
 * The accounts API of the server (office and admin), activation and password change. Accounts
 * live on the server only: nothing here touches the replica, and every call needs a connection.
 */

export type {
	AccountDetail,
	AccountSummary,
	IssuedCode,
	SignInEntry
} from '../domain/accounts/account-summary';
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../domain/accounts/audit-entries';

export interface AccountFilter {
	q?: string;
	orgId?: string;
	role?: RoleName;
	state?: AccountState;
}

/** What went wrong, as a screen explains it; `problems` for a password the server refused. */
export type AccountsFailure =
	| 'offline'
	| 'not-found'
	| 'invalid'
	| 'conflict'
	| 'busy'
	| 'server'
	| 'code-invalid'
	| 'weak-password'
	| 'wrong-current';

export class AccountsError extends Error {
	constructor(
		readonly failure: AccountsFailure,
		readonly problems: PasswordProblem[] = [],
		/** The server's `error`, e.g. `username_taken`, `unknown_place`, `own_admin`. */
		readonly code?: string
	) {
		super(failure);
	}
}

function failureOf(status: number, body: { error?: unknown } | null): AccountsFailure {
	if (body?.error === 'weak_password') return 'weak-password';
	if (status === 410) return 'code-invalid';
	if (body?.error === 'wrong_password') return 'wrong-current';
	if (status === 409) return 'conflict';
	if (status === 400) return 'invalid';
	if (status === 429 || status === 503) return 'busy';
	// 401 (signed out meanwhile) reads as "not yours" too: the server reveals nothing more.
	if (status === 401 || status === 403 || status === 404) return 'not-found';
	return 'server';
}

async function call<T>(path: string, body?: unknown): Promise<T> {
	let response: Response;
	try {
		response = await fetch(path, {
			credentials: 'same-origin',
			...(body === undefined
				? {}
				: {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(body)
					})
		});
	} catch {
		throw new AccountsError('offline');
	}
	const answer = (await response.json().catch(() => null)) as
		(T & { error?: unknown; problems?: PasswordProblem[] }) | null;
	if (response.ok) return answer as T;
	const failure = failureOf(response.status, answer);
	const code = typeof answer?.error === 'string' ? answer.error : undefined;
	throw new AccountsError(
		failure,
		failure === 'weak-password' ? (answer?.problems ?? []) : [],
		code
	);
}

function query(params: Record<string, string | undefined>): string {
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
	const text = search.toString();
	return text ? `?${text}` : '';
}

const accountPath = (username: string, action = '') =>
	`/api/accounts/${encodeURIComponent(username)}${action ? `/${action}` : ''}`;

/** One page of the accounts the signed-in office or admin manages. */
export function listAccounts(
	filter: AccountFilter,
	cursor?: string
): Promise<{ accounts: AccountSummary[]; next?: string }> {
	return call(`/api/accounts${query({ ...filter, cursor })}`);
}

export function accountDetail(username: string): Promise<AccountDetail> {
	return call(accountPath(username));
}

/** A staff account without a member (admin only); answers its first activation code. */
export function createAccount(account: {
	username: string;
	displayName: string;
	roles: RoleGrant[];
}): Promise<{ account: AccountSummary; activation: IssuedCode }> {
	return call('/api/accounts', account);
}

export function setRoles(username: string, roles: RoleGrant[]): Promise<AccountSummary> {
	return call(accountPath(username, 'roles'), { roles });
}

/** The old password stops working; the new code is shown once. */
export async function resetPassword(username: string): Promise<IssuedCode> {
	return (await call<{ activation: IssuedCode }>(accountPath(username, 'reset'), {})).activation;
}

export function unlockAccount(username: string): Promise<AccountSummary> {
	return call(accountPath(username, 'unlock'), {});
}

export function deactivateAccount(username: string): Promise<AccountSummary> {
	return call(accountPath(username, 'deactivate'), {});
}

export function reactivateAccount(username: string): Promise<AccountSummary> {
	return call(accountPath(username, 'reactivate'), {});
}

/** New codes for a bureau's accounts: those named, or every one still waiting for activation. */
export async function issueActivationCodes(
	orgId: string,
	usernames?: string[]
): Promise<IssuedCode[]> {
	const body = usernames ? { orgId, usernames } : { orgId };
	return (await call<{ codes: IssuedCode[] }>('/api/activation-codes', body)).codes;
}

/** One page of the audit log (admin only), newest first. */
export function auditEntries(
	filter: { action?: AuditAction; actor?: string },
	cursor?: string
): Promise<{ entries: AuditEntry[]; next?: string }> {
	return call(`/api/audit${query({ ...filter, cursor })}`);
}

/**
 * Sets the first password with a one-time code and signs this device in with the session the
 * server opens, as signing in does. Resolves the account's username, which the person may not
 * know yet.
 */
export async function activate(code: string, password: string): Promise<string> {
	const session = await call<SessionInfo>('/api/activate', { code, password });
	await device.signedInWith(session);
	return session.user.username;
}

/** The signed-in person changes their password; a wrong current one counts as a failed attempt. */
export async function changePassword(current: string, password: string): Promise<void> {
	await call<unknown>('/api/session/password', { current, password });
}
