import type { RoleGrant } from '../access/roles';
import type { AccountState } from './account-states';
import type { SignInOutcome } from './audit-entries';

/*
 * The shapes the accounts API answers with, shared by the server that builds them and the screens
 * that show them.
 */

/** An account as the accounts screens list it: never its hashes, lockout keys or contacts. */
export interface AccountSummary {
	username: string;
	displayName: string;
	memberId?: string;
	orgId?: string;
	branchId?: string;
	roles: RoleGrant[];
	state: AccountState;
	lockedUntil?: string;
}

/** A one-time activation code: the server keeps only its hash, so it is shown once. */
export interface IssuedCode {
	username: string;
	displayName: string;
	branchName?: string;
	code: string;
	expiresAt: string;
}

/** One sign-in of an account's history, newest first on the account's page. */
export interface SignInEntry {
	at: string;
	outcome: SignInOutcome;
	address: string;
}

/** An account as its own page shows it. */
export interface AccountDetail extends AccountSummary {
	signIns: SignInEntry[];
	activationExpiresAt?: string;
	deactivatedAt?: string;
}
