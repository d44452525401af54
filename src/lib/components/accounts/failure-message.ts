import { AccountsError } from '$lib/db/accounts-admin';
import type { MessageKey } from '$lib/i18n/zh-CN';

/** Refusals the server names, which say more than their status. */
const refusals: Partial<Record<string, MessageKey>> = {
	bad_username: 'accounts.new.usernameInvalid',
	username_taken: 'accounts.failed.conflict',
	unknown_place: 'accounts.failed.unknownPlace',
	not_a_member: 'accounts.failed.notAMember',
	forbidden: 'accounts.failed.forbidden',
	own_admin: 'accounts.failed.ownAdmin',
	self: 'accounts.failed.self',
	deactivated: 'accounts.failed.deactivated',
	conflict: 'accounts.failed.retry'
};

/** What a screen says when a call of the accounts API failed. */
export function failureMessage(error: unknown): MessageKey {
	if (!(error instanceof AccountsError)) return 'error.generic';
	const named = error.code ? refusals[error.code] : undefined;
	if (named) return named;
	switch (error.failure) {
		case 'offline':
			return 'accounts.offline';
		case 'not-found':
			return 'accounts.failed.notFound';
		case 'invalid':
		case 'weak-password':
			return 'accounts.failed.invalid';
		case 'conflict':
			return 'accounts.failed.conflict';
		case 'busy':
			return 'accounts.failed.busy';
		case 'code-invalid':
			return 'accounts.activate.codeInvalid';
		case 'wrong-current':
			return 'accounts.password.wrongCurrent';
		case 'server':
			return 'accounts.failed.server';
	}
}
