/*
 * The audit log's entries as the server records them and the admin's audit screen reads them.
 */

/** The actions the audit log records, in the order a filter lists them. */
export const AUDIT_ACTIONS = [
	'account.create',
	'account.roles',
	'account.reset',
	'account.unlock',
	'account.deactivate',
	'account.reactivate',
	'account.activate',
	'activation.issue',
	'password.change',
	'roster.preview',
	'roster.import',
	'roster.export',
	'sign-in',
	'sign-in.failed',
	'sign-in.locked'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One administrative action or sign-in. `details` never hold phone or ID numbers, activation codes
 * or passwords: only counts, ids and role texts. The address is stored as the request gave it; only
 * the admin reads the log.
 */
export interface AuditEntry {
	id: string;
	at: string;
	/** The username acting; for a sign-in, the account signing in. */
	actor: string;
	action: AuditAction;
	/** What was acted on: a username, an org id or an import job. */
	target?: string;
	orgId?: string;
	details?: Record<string, string | number>;
	address: string;
}

/**
 * What a sign-in entry says happened: signed in, a wrong password, the attempt that locked the
 * account, or a refusal whatever the password — the account locked for a while, or not usable
 * (not activated yet, or deactivated).
 */
export type SignInOutcome = 'ok' | 'failed' | 'locked' | 'refused-locked' | 'refused-unusable';

export function signInOutcome(entry: Pick<AuditEntry, 'action' | 'details'>): SignInOutcome | null {
	switch (entry.action) {
		case 'sign-in':
			return 'ok';
		case 'sign-in.locked':
			return 'locked';
		case 'sign-in.failed': {
			const reason = entry.details?.['reason'];
			if (reason === 'locked') return 'refused-locked';
			if (reason === 'unusable') return 'refused-unusable';
			return 'failed';
		}
		default:
			return null;
	}
}
