import type { Actor, RoleGrant } from '../domain/access/roles';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { Database } from './store';

/** Accounts live in a server-only database and never replicate. Their id is the username. */
export interface Account {
	_id: string;
	_rev?: string;
	displayName: string;
	passwordHash: string;
	memberId?: string;
	branchId?: string;
	orgId?: string;
	roles: RoleGrant[];
	failedLogins: number;
	lockedUntil?: string;
}

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export function actorOf(account: Account): Actor {
	return {
		username: account._id,
		...(account.memberId ? { memberId: account.memberId } : {}),
		...(account.branchId ? { branchId: account.branchId } : {}),
		...(account.orgId ? { orgId: account.orgId } : {}),
		roles: account.roles
	};
}

export type NewAccount = Omit<Account, '_id' | '_rev' | 'passwordHash' | 'failedLogins'> & {
	username: string;
	password: string;
};

export async function createAccount(db: Database, input: NewAccount): Promise<Account> {
	const { username, password, ...rest } = input;
	if (!USERNAME_PATTERN.test(username)) throw new Error(`Invalid username: ${username}`);
	const account: Account = {
		...rest,
		_id: username,
		passwordHash: await hashPassword(password),
		failedLogins: 0
	};
	await db.put(account as unknown as Record<string, unknown> & { _id: string });
	return account;
}

export async function findAccount(db: Database, username: string): Promise<Account | null> {
	if (!USERNAME_PATTERN.test(username)) return null;
	try {
		return (await db.get(username)) as unknown as Account;
	} catch {
		return null;
	}
}

/**
 * Checks a password and keeps the lockout: after MAX_FAILED_LOGINS wrong passwords the account
 * refuses every password for LOCK_MS. The caller learns only yes or no.
 */
export async function checkCredentials(
	db: Database,
	username: string,
	password: string,
	now: Date
): Promise<Account | null> {
	const account = await findAccount(db, username);
	if (!account) {
		await verifyPassword(password, await dummyHash());
		return null;
	}
	if (account.lockedUntil && new Date(account.lockedUntil) > now) return null;
	if (await verifyPassword(password, account.passwordHash)) {
		if (account.failedLogins > 0 || account.lockedUntil) {
			await saveQuietly(db, { ...account, failedLogins: 0, lockedUntil: undefined });
		}
		return account;
	}
	const failedLogins = account.failedLogins + 1;
	const locked = failedLogins >= MAX_FAILED_LOGINS;
	await saveQuietly(db, {
		...account,
		failedLogins: locked ? 0 : failedLogins,
		lockedUntil: locked ? new Date(now.getTime() + LOCK_MS).toISOString() : account.lockedUntil
	});
	return null;
}

async function saveQuietly(db: Database, account: Account) {
	const { lockedUntil, ...rest } = account;
	const doc = lockedUntil ? { ...rest, lockedUntil } : rest;
	// Two logins racing on one account: the loser's count is dropped, which only errs by one try.
	await db.put(doc as unknown as Record<string, unknown> & { _id: string }).catch(() => undefined);
}
