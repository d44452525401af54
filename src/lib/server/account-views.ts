import { accountState, lockedUntil } from '../domain/accounts/account-states';
import { hasRole, isOfficeOf, type Actor } from '../domain/access/roles';
import type { AccountSummary, IssuedCode } from '../domain/accounts/account-summary';
import type { Account } from './accounts';
import type { Issued } from './activation-store';
import type { Store } from './store';

export type { AccountSummary, IssuedCode } from '../domain/accounts/account-summary';

export function summaryOf(account: Account, now: Date): AccountSummary {
	const until = lockedUntil(account, now);
	return {
		username: account._id,
		displayName: account.displayName,
		...(account.memberId ? { memberId: account.memberId } : {}),
		...(account.orgId ? { orgId: account.orgId } : {}),
		...(account.branchId ? { branchId: account.branchId } : {}),
		roles: account.roles,
		state: accountState(account, now),
		...(until ? { lockedUntil: until } : {})
	};
}

/** Whether the actor manages any accounts at all: everyone else gets 404 from these endpoints. */
export function managesAccounts(actor: Actor): boolean {
	return hasRole(actor, 'admin') || hasRole(actor, 'office');
}

/** The admin manages every account; an office those of its bureau (members, staff it made). */
export function mayManage(actor: Actor, account: Pick<Account, 'orgId'>): boolean {
	if (hasRole(actor, 'admin')) return true;
	return account.orgId !== undefined && isOfficeOf(actor, account.orgId);
}

/** Documents of the directory by id (branches, bureaus, streets, communities), the missing left out. */
export async function directoryDocs(
	store: Store,
	ids: readonly string[]
): Promise<Map<string, Record<string, unknown>>> {
	if (ids.length === 0) return new Map();
	const { rows } = await store
		.db('directory')
		.allDocs({ keys: [...new Set(ids)], include_docs: true });
	return new Map(
		rows.flatMap((row) => ('doc' in row && row.doc ? [[row.key, row.doc] as const] : []))
	);
}

/** The slips to print: with branch names, ordered by branch and then name. */
export async function issuedCodes(store: Store, issued: readonly Issued[]): Promise<IssuedCode[]> {
	const branches = await directoryDocs(
		store,
		issued.flatMap(({ account }) => (account.branchId ? [account.branchId] : []))
	);
	const codes = issued.map(({ account, code, expiresAt }) => {
		const name = account.branchId ? branches.get(account.branchId)?.['name'] : undefined;
		return {
			username: account._id,
			displayName: account.displayName,
			...(typeof name === 'string' ? { branchName: name } : {}),
			code,
			expiresAt
		};
	});
	return codes.sort(
		(a, b) =>
			(a.branchName ?? '').localeCompare(b.branchName ?? '', 'zh-CN') ||
			a.displayName.localeCompare(b.displayName, 'zh-CN') ||
			a.username.localeCompare(b.username)
	);
}
