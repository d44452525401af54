/** What an account's fields say about it, for lists and filters. */
export type AccountState = 'active' | 'pending-activation' | 'locked' | 'deactivated';

export const ACCOUNT_STATES: readonly AccountState[] = [
	'active',
	'pending-activation',
	'locked',
	'deactivated'
];

export interface AccountStateFacts {
	/** '' until the person sets a password with an activation code. */
	passwordHash: string;
	deactivatedAt?: string;
	lockouts?: Record<string, { lockedUntil?: string }>;
}

/** The latest lock still running at `now` from any address, or null. */
export function lockedUntil(account: AccountStateFacts, now: Date): string | null {
	let latest: string | null = null;
	for (const lockout of Object.values(account.lockouts ?? {})) {
		const until = lockout.lockedUntil;
		if (until && new Date(until) > now && (!latest || until > latest)) latest = until;
	}
	return latest;
}

/**
 * Deactivation trumps everything, then a missing password; an account is locked while any
 * address is still locked out of it (the owner's own address may not be).
 */
export function accountState(account: AccountStateFacts, now: Date): AccountState {
	if (account.deactivatedAt) return 'deactivated';
	if (account.passwordHash === '') return 'pending-activation';
	return lockedUntil(account, now) ? 'locked' : 'active';
}
