import { createHash } from 'node:crypto';
import type { Actor, RoleGrant } from '../domain/access/roles';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { PerKeyQueue } from './per-key-queue';
import { getIfExists } from './read-by-id';
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
	/** Wrong passwords since the last successful sign-in, from any address. */
	failedLogins: number;
	/** Per client address (keyed by `addressKey`): its failures and locks. */
	lockouts?: Record<string, Lockout>;
	/** The pending activation code (activation-store.ts): only its hash is kept. */
	activation?: Activation;
	/** Set while deactivated: no sign-in, no session; the person's records stay. */
	deactivatedAt?: string;
	deactivatedBy?: string;
	passwordChangedAt?: string;
}

export interface Activation {
	codeHash: string;
	expiresAt: string;
	issuedAt: string;
	issuedBy: string;
}

/** One client address's record against one account. */
export interface Lockout {
	/** Wrong passwords since this address's last lock or success. */
	failures: number;
	/** Locks so far: each doubles the next one (back-off), until a success from the address. */
	locks: number;
	lockedUntil?: string;
	/** The last wrong password, to forget quiet addresses first. */
	at: string;
}

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;
export const MAX_LOCK_MS = 4 * 60 * 60 * 1000;
/** Addresses an account remembers; beyond that the quietest is forgotten. */
export const MAX_LOCKOUTS = 50;
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

/** Usernames are typed on phones: a stray space or capital letter must not fail a sign-in. */
export function normalizeUsername(typed: string): string {
	return typed.trim().toLowerCase();
}

/** The account, or null; one store lookup whatever the name, so the name's validity does not show. */
export async function findAccount(db: Database, username: string): Promise<Account | null> {
	// An id no account can have (usernames start with a letter or digit): the same lookup, no hit.
	const id = USERNAME_PATTERN.test(username) ? username : '-';
	return (await getIfExists(db, id)) as unknown as Account | null;
}

/** A client address as stored in an account: hashed, so the account never holds addresses. */
export function addressKey(address: string): string {
	return createHash('sha256').update(address).digest('base64url').slice(0, 16);
}

export type VerifyPassword = (password: string, stored: string) => Promise<boolean>;

export interface SignInAttempt {
	/** The client address the attempt came from (`getClientAddress()`). */
	address: string;
	/** Defaults to `verifyPassword`; the server passes it through its hashing gate. */
	verify?: VerifyPassword;
	/** Called once each time an address gets locked out of the account, to tell the owner. */
	onLock?: (account: Account, now: Date) => Promise<void>;
	/**
	 * Called after answering, for a refused attempt on an existing account (for its sign-in
	 * history): a wrong password, a locked address, or an account without a usable password
	 * (pending activation or deactivated).
	 */
	onRefused?: (account: Account, reason: RefusalReason) => Promise<void>;
}

export type RefusalReason = 'password' | 'locked' | 'unusable';

/** Whether the account can sign in with a password at all. */
function usable(account: Account): boolean {
	return account.passwordHash !== '' && !account.deactivatedAt;
}

// In one process, attempts on one account run one at a time: each sees the previous one's count,
// so parallel guesses cannot slip past the limit. Across several app processes on CouchDB, each
// write carries the revision it read; a conflicting write is re-read and re-applied (never lost),
// so every failure is counted, though two processes may each run one guess past the limit.
const perAccount = new PerKeyQueue();

/**
 * Checks a password and keeps the lockout: after MAX_FAILED_LOGINS wrong passwords from one client
 * address, the account refuses every password from that address for LOCK_MS, doubling with each
 * further lock up to MAX_LOCK_MS; other addresses, the owner's among them, are not affected. Every
 * failure (unknown name, locked out, wrong password) does one lookup and one hash. The caller
 * learns only yes or no.
 */
export function checkCredentials(
	db: Database,
	username: string,
	password: string,
	now: Date,
	attempt: SignInAttempt = { address: 'unknown' }
): Promise<Account | null> {
	return new Promise((resolve, reject) => {
		perAccount
			.run(username, async () => {
				const verify = attempt.verify ?? verifyPassword;
				const key = addressKey(attempt.address);
				const account = await findAccount(db, username);
				// An account without a password (pending activation) is checked against the dummy
				// too: it fails in the time a wrong password takes.
				const stored = account && account.passwordHash !== '' ? account.passwordHash : null;
				const right = await verify(password, stored ?? (await dummyHash()));
				if (!account) return resolve(null);
				const refused = !usable(account)
					? 'unusable'
					: isLockedOut(account, key, now)
						? 'locked'
						: null;
				if (refused) {
					resolve(null);
					return await reportRefusal(attempt, account, refused);
				}
				if (right) {
					if (account.failedLogins > 0 || account.lockouts?.[key]) {
						await updateAccount(db, account, (fresh) => succeeded(fresh, key));
					}
					return resolve(account);
				}
				// Answered before the failure is written, so that a wrong password takes no longer
				// than an unknown name; the next attempt on the account still waits for the write.
				resolve(null);
				await recordFailure(db, account, key, now, attempt.onLock).catch((error: unknown) =>
					console.error('Recording a failed sign-in failed:', error)
				);
				await reportRefusal(attempt, account, 'password');
			})
			.catch(reject);
	});
}

async function reportRefusal(attempt: SignInAttempt, account: Account, reason: RefusalReason) {
	await attempt
		.onRefused?.(account, reason)
		.catch((error: unknown) => console.error('Reporting a refused sign-in failed:', error));
}

/** Resolves once every sign-in attempt on the account started so far has been recorded. */
export function attemptsRecorded(username: string): Promise<void> {
	return perAccount.run(username, () => Promise.resolve());
}

async function recordFailure(
	db: Database,
	account: Account,
	key: string,
	now: Date,
	onLock: SignInAttempt['onLock']
) {
	let locking = false;
	const updated = await updateAccount(db, account, (fresh) => {
		const outcome = failed(fresh, key, now);
		locking = outcome.locking;
		return outcome.account;
	});
	if (updated && locking) await onLock?.(updated, now);
}

function isLockedOut(account: Account, key: string, now: Date): boolean {
	const lockedUntil = account.lockouts?.[key]?.lockedUntil;
	return lockedUntil !== undefined && new Date(lockedUntil) > now;
}

function succeeded(account: Account, key: string): Account {
	const next: Account = { ...account, failedLogins: 0 };
	const others = { ...account.lockouts };
	delete others[key];
	if (Object.keys(others).length > 0) next.lockouts = others;
	else delete next.lockouts;
	return next;
}

function failed(account: Account, key: string, now: Date): { account: Account; locking: boolean } {
	const before = account.lockouts?.[key] ?? { failures: 0, locks: 0, at: now.toISOString() };
	const failures = before.failures + 1;
	const locking = failures >= MAX_FAILED_LOGINS;
	const locks = locking ? before.locks + 1 : before.locks;
	const lockout: Lockout = {
		failures: locking ? 0 : failures,
		locks,
		at: now.toISOString(),
		...(locking
			? {
					lockedUntil: new Date(
						now.getTime() + Math.min(MAX_LOCK_MS, LOCK_MS * 2 ** (locks - 1))
					).toISOString()
				}
			: before.lockedUntil
				? { lockedUntil: before.lockedUntil }
				: {})
	};
	const lockouts = { ...account.lockouts, [key]: lockout };
	return {
		account: {
			...account,
			failedLogins: account.failedLogins + 1,
			lockouts: withinCap(lockouts, key, now)
		},
		locking
	};
}

/** Forgets the quietest addresses beyond MAX_LOCKOUTS, addresses still locked out last. */
function withinCap(lockouts: Record<string, Lockout>, keep: string, now: Date) {
	const entries = Object.entries(lockouts);
	if (entries.length <= MAX_LOCKOUTS) return lockouts;
	const locked = ([, l]: [string, Lockout]) =>
		l.lockedUntil && new Date(l.lockedUntil) > now ? 1 : 0;
	const forgettable = entries
		.filter(([key]) => key !== keep)
		.sort((a, b) => locked(a) - locked(b) || a[1].at.localeCompare(b[1].at));
	const forget = new Set(forgettable.slice(0, entries.length - MAX_LOCKOUTS).map(([key]) => key));
	return Object.fromEntries(entries.filter(([key]) => !forget.has(key)));
}

/**
 * Writes `change(account)`; on a conflict (another process wrote first) re-reads and re-applies.
 * Null when the account is gone, keeps changing under the writes, or `change` gives null (the
 * fresh account no longer allows the change).
 */
export async function updateAccount(
	db: Database,
	account: Account,
	change: (fresh: Account) => Account | null
): Promise<Account | null> {
	let fresh: Account | null = account;
	for (let attempt = 0; fresh && attempt < 5; attempt++) {
		const next = change(fresh);
		if (!next) return null;
		try {
			const { rev } = await db.put(next as unknown as Record<string, unknown> & { _id: string });
			return { ...next, _rev: rev };
		} catch (error) {
			if ((error as { status?: number }).status !== 409) throw error;
			fresh = await findAccount(db, account._id);
		}
	}
	return null;
}
