import { ACCOUNT_STATES, type AccountState } from '../domain/accounts/account-states';
import {
	describeGrants,
	mayAssign,
	parseRoleGrants,
	roleChanges
} from '../domain/accounts/role-assignment';
import { grantsOf, hasRole, type RoleGrant, type RoleName } from '../domain/access/roles';
import {
	findAccount,
	normalizeUsername,
	updateAccount,
	USERNAME_PATTERN,
	type Account
} from './accounts';
import {
	directoryDocs,
	issuedCodes,
	managesAccounts,
	mayManage,
	summaryOf,
	type AccountSummary
} from './account-views';
import { forgetCodes, issueActivations } from './activation-store';
import { recordAudit, signInsOf, type AuditAction } from './audit-log';
import type { AccountDetail } from '../domain/accounts/account-summary';
import { signInOutcome } from '../domain/accounts/audit-entries';
import { authenticate, type Caller } from './authentication';
import { HttpError, errorResponse, json, readJson } from './http-json';
import type { ServerContext } from './server-context';
import { endSessionsListed, type EndSessionsOptions } from './sessions';

/** `/api/accounts…` (contract §5). Anyone who manages no account gets 404, as for a hidden one. */
export async function handleAccounts(
	context: ServerContext,
	request: Request,
	clientAddress: string
): Promise<Response> {
	try {
		const caller = await authenticate(context, request);
		if (!caller) throw new HttpError(401, 'unauthorized', 'Not signed in.');
		if (!managesAccounts(caller.actor)) throw NOT_FOUND;
		const url = new URL(request.url);
		const [username, action, ...rest] = url.pathname
			.slice('/api/accounts'.length)
			.split('/')
			.filter((part) => part !== '');
		if (rest.length > 0) throw NOT_FOUND;
		const act: Acting = { context, caller, address: clientAddress, now: context.now() };
		if (username === undefined) {
			if (request.method === 'GET') return json(await listAccounts(act, url.searchParams));
			if (request.method === 'POST') return await createStaffAccount(act, request);
			throw METHOD;
		}
		const account = await manageable(act, decoded(username));
		if (action === undefined) {
			if (request.method !== 'GET') throw METHOD;
			return json(await detailOf(act, account));
		}
		if (request.method !== 'POST') throw METHOD;
		switch (action) {
			case 'roles':
				return json(await changeRoles(act, account, await readJson(request)));
			case 'reset':
				return json(await resetPassword(act, account));
			case 'unlock':
				return json(await unlock(act, account));
			case 'deactivate':
				return json(await deactivate(act, account));
			case 'reactivate':
				return json(await reactivate(act, account));
			default:
				throw NOT_FOUND;
		}
	} catch (error) {
		if (error instanceof HttpError) return errorResponse(error);
		throw error;
	}
}

const NOT_FOUND = new HttpError(404, 'not_found', 'No such account.');

function decoded(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		throw NOT_FOUND;
	}
}
const METHOD = new HttpError(405, 'method_not_allowed', 'Method not allowed here.');

/** Who acts, from where, when. */
export interface Acting {
	context: ServerContext;
	caller: Caller;
	address: string;
	now: Date;
}

export function audit(
	act: Acting,
	action: AuditAction,
	entry: { target?: string; orgId?: string; details?: Record<string, string | number> } = {}
): Promise<void> {
	return recordAudit(act.context.store, {
		at: act.now,
		actor: act.caller.actor.username,
		action,
		address: act.address,
		...entry
	});
}

/**
 * Ends an account's sessions, forgetting them in this process at once; other processes drop them
 * when their feed reports the change.
 */
export async function endSessions(
	context: ServerContext,
	username: string,
	options: EndSessionsOptions = {}
): Promise<void> {
	const ended = await endSessionsListed(context.store.db('sessions'), username, options);
	for (const id of ended) context.callers.forget(id);
}

function accountsDb(act: Acting) {
	return act.context.store.db('accounts');
}

/** The account, when the caller may manage it; else 404, whether it exists or not. */
async function manageable(act: Acting, username: string): Promise<Account> {
	const account = await findAccount(accountsDb(act), username);
	if (!account || !mayManage(act.caller.actor, account)) throw NOT_FOUND;
	return account;
}

/** Applies `change` to the stored account, or 409 when it keeps changing under the write. */
async function write(act: Acting, account: Account, change: (fresh: Account) => Account | null) {
	const updated = await updateAccount(accountsDb(act), account, change);
	if (!updated) throw new HttpError(409, 'conflict', 'The account changed meanwhile; try again.');
	return updated;
}

// Listing --------------------------------------------------------------------------------------

export const ACCOUNTS_PAGE = 50;
/** Accounts walked at most per request: a filter finding few answers early, with a cursor. */
const LIST_SCAN = 2_000;
const LIST_BATCH = 500;
const ROLE_NAMES: readonly RoleName[] = [
	'member',
	'secretary',
	'community_staff',
	'street_staff',
	'office',
	'admin'
];

function isAccount(doc: Record<string, unknown> | undefined): doc is Record<string, unknown> {
	return (
		doc !== undefined &&
		typeof doc['_id'] === 'string' &&
		USERNAME_PATTERN.test(doc['_id']) &&
		Array.isArray(doc['roles'])
	);
}

/**
 * Accounts by username, filtered while walking the store in id order. Thousands of accounts per
 * deployment and a rare reader: a walk bounded per request, no index to keep.
 */
async function listAccounts(
	act: Acting,
	params: URLSearchParams
): Promise<{ accounts: AccountSummary[]; next?: string }> {
	const actor = act.caller.actor;
	const q = (params.get('q') ?? '').trim().toLowerCase().slice(0, 64);
	const orgId = params.get('orgId') || undefined;
	const role = params.get('role') || undefined;
	const state = params.get('state') || undefined;
	const cursor = params.get('cursor') || undefined;
	if (role !== undefined && !ROLE_NAMES.includes(role as RoleName))
		throw new HttpError(400, 'bad_request', 'Unknown role.');
	if (state !== undefined && !ACCOUNT_STATES.includes(state as AccountState))
		throw new HttpError(400, 'bad_request', 'Unknown state.');
	if (cursor !== undefined && !USERNAME_PATTERN.test(cursor))
		throw new HttpError(400, 'bad_request', 'Bad cursor.');
	// An office lists its own bureaus only; naming another is as good as naming none that exists.
	if (orgId !== undefined && !mayManage(actor, { orgId })) throw NOT_FOUND;
	const matches = (account: Account) =>
		mayManage(actor, account) &&
		(orgId === undefined || account.orgId === orgId) &&
		(role === undefined ||
			hasRole({ username: account._id, roles: account.roles }, role as RoleName)) &&
		(state === undefined || summaryOf(account, act.now).state === state) &&
		(q === '' || account._id.includes(q) || account.displayName.toLowerCase().includes(q));
	const accounts: AccountSummary[] = [];
	let from = cursor;
	let scanned = 0;
	while (scanned < LIST_SCAN) {
		const { rows } = await accountsDb(act).allDocs({
			include_docs: true,
			limit: LIST_BATCH,
			...(from !== undefined ? { startkey: from, skip: 1 } : {})
		});
		for (const row of rows) {
			scanned++;
			from = row.id;
			if (!isAccount(row.doc)) continue;
			const account = row.doc as unknown as Account;
			if (!matches(account)) continue;
			accounts.push(summaryOf(account, act.now));
			if (accounts.length === ACCOUNTS_PAGE) return { accounts, next: row.id };
		}
		if (rows.length < LIST_BATCH) return { accounts };
	}
	return { accounts, ...(from !== undefined ? { next: from } : {}) };
}

// One account ----------------------------------------------------------------------------------

async function detailOf(act: Acting, account: Account): Promise<AccountDetail> {
	const entries = await signInsOf(act.context.store, account._id);
	return {
		...summaryOf(account, act.now),
		signIns: entries.flatMap((entry) => {
			const outcome = signInOutcome(entry);
			return outcome ? [{ at: entry.at, outcome, address: entry.address }] : [];
		}),
		...(account.activation && account.passwordHash === ''
			? { activationExpiresAt: account.activation.expiresAt }
			: {}),
		...(account.deactivatedAt ? { deactivatedAt: account.deactivatedAt } : {})
	};
}

// Roles ----------------------------------------------------------------------------------------

/** The kind of directory document each place-bound role must name. */
const PLACE_KIND: Partial<Record<RoleName, { field: string; kind: string }>> = {
	secretary: { field: 'branchId', kind: 'branch' },
	community_staff: { field: 'communityId', kind: 'community' },
	street_staff: { field: 'streetId', kind: 'street' },
	office: { field: 'orgId', kind: 'bureau' }
};

function placeOf(grant: RoleGrant): { id: string; kind: string } | null {
	const place = PLACE_KIND[grant.role];
	if (!place) return null;
	return { id: (grant as unknown as Record<string, string>)[place.field]!, kind: place.kind };
}

/**
 * Refuses grants naming places that do not exist or are of another kind, and `member` on an
 * account without a member. Resolves the directory documents read, for `mayAssign`.
 */
async function checkGrants(
	act: Acting,
	grants: readonly RoleGrant[],
	target: { memberId?: string }
): Promise<Map<string, Record<string, unknown>>> {
	const places = grants.flatMap((grant) => {
		const place = placeOf(grant);
		return place ? [place] : [];
	});
	const docs = await directoryDocs(
		act.context.store,
		places.map((place) => place.id)
	);
	for (const place of places) {
		if (docs.get(place.id)?.['kind'] !== place.kind)
			throw new HttpError(400, 'unknown_place', `No ${place.kind} ${place.id}.`);
	}
	if (!target.memberId && grants.some((grant) => grant.role === 'member'))
		throw new HttpError(
			400,
			'not_a_member',
			'Only the account of a member can have the member role.'
		);
	return docs;
}

function rolesOf(body: unknown): RoleGrant[] {
	const roles = parseRoleGrants((body as { roles?: unknown } | null)?.roles);
	if (!roles) throw new HttpError(400, 'bad_request', 'Send roles as a list of role grants.');
	return roles;
}

async function changeRoles(act: Acting, account: Account, body: unknown): Promise<AccountSummary> {
	const roles = rolesOf(body);
	const { added, removed } = roleChanges(account.roles, roles);
	const docs = await checkGrants(act, added, account);
	// Removed grants may name places gone since: their branches are looked up for the office.
	const removedBranches = await directoryDocs(
		act.context.store,
		grantsOf(removed, 'secretary').map((grant) => grant.branchId)
	);
	const bureauOfBranch = (branchId: string) => {
		const doc = docs.get(branchId) ?? removedBranches.get(branchId);
		return doc?.['kind'] === 'branch' && typeof doc['parentId'] === 'string'
			? doc['parentId']
			: undefined;
	};
	const actor = act.caller.actor;
	if (![...added, ...removed].every((grant) => mayAssign(actor, account, grant, bureauOfBranch)))
		throw new HttpError(403, 'forbidden', 'You may not assign these roles.');
	// The administrator keeps at least one way back in.
	if (account._id === actor.username && removed.some((grant) => grant.role === 'admin'))
		throw new HttpError(409, 'own_admin', 'You cannot remove your own administrator role.');
	if (added.length === 0 && removed.length === 0) return summaryOf(account, act.now);
	const before = account.roles;
	const updated = await write(act, account, (fresh) => ({ ...fresh, roles }));
	await audit(act, 'account.roles', {
		target: account._id,
		...(account.orgId ? { orgId: account.orgId } : {}),
		details: { before: describeGrants(before), after: describeGrants(roles) }
	});
	return summaryOf(updated, act.now);
}

// Staff accounts --------------------------------------------------------------------------------

const MAX_DISPLAY_NAME = 100;

async function createStaffAccount(act: Acting, request: Request): Promise<Response> {
	if (!hasRole(act.caller.actor, 'admin')) throw NOT_FOUND;
	const body = (await readJson(request)) as Record<string, unknown> | null;
	const username =
		typeof body?.['username'] === 'string' ? normalizeUsername(body['username']) : '';
	const displayName = typeof body?.['displayName'] === 'string' ? body['displayName'].trim() : '';
	const orgId = body?.['orgId'];
	if (!USERNAME_PATTERN.test(username))
		throw new HttpError(400, 'bad_username', 'Usernames are a-z, 0-9, and _ . - after the first.');
	if (displayName === '' || displayName.length > MAX_DISPLAY_NAME)
		throw new HttpError(400, 'bad_request', 'Send a display name of 1 to 100 characters.');
	if (orgId !== undefined && typeof orgId !== 'string')
		throw new HttpError(400, 'bad_request', 'orgId is a string.');
	const roles = rolesOf(body);
	const docs = await checkGrants(act, roles, {});
	if (
		orgId !== undefined &&
		(await directoryDocs(act.context.store, [orgId])).get(orgId)?.['kind'] !== 'bureau'
	)
		throw new HttpError(400, 'unknown_place', `No bureau ${orgId}.`);
	void docs;
	// An office account belongs to its bureau, so that the bureau's office can manage it.
	const offices = grantsOf(roles, 'office');
	const bureau = orgId ?? (offices.length === 1 ? offices[0]!.orgId : undefined);
	const account: Account = {
		_id: username,
		displayName,
		passwordHash: '',
		failedLogins: 0,
		roles,
		...(bureau ? { orgId: bureau } : {})
	};
	try {
		const { rev } = await accountsDb(act).put(
			account as unknown as Record<string, unknown> & { _id: string }
		);
		account._rev = rev;
	} catch (error) {
		if ((error as { status?: number }).status === 409)
			throw new HttpError(409, 'username_taken', 'That username is taken.');
		throw error;
	}
	const [issued] = await issueActivations(
		act.context.store,
		[account],
		act.caller.actor.username,
		act.now
	);
	if (!issued) throw new HttpError(409, 'conflict', 'The account changed meanwhile; reset it.');
	await audit(act, 'account.create', {
		target: username,
		...(bureau ? { orgId: bureau } : {}),
		details: { roles: describeGrants(roles) }
	});
	const [activation] = await issuedCodes(act.context.store, [issued]);
	return json({ account: summaryOf(issued.account, act.now), activation }, 201);
}

// Reset, unlock, deactivate ----------------------------------------------------------------------

const DEACTIVATED = new HttpError(
	409,
	'deactivated',
	'The account is deactivated; reactivate it first.'
);

function orgOf(account: Account) {
	return account.orgId ? { orgId: account.orgId } : {};
}

/** A new activation code; the old password stops working and every session of the account ends. */
async function resetPassword(act: Acting, account: Account) {
	if (account.deactivatedAt) throw DEACTIVATED;
	const [issued] = await issueActivations(
		act.context.store,
		[account],
		act.caller.actor.username,
		act.now,
		(fresh) => ({ ...fresh, passwordHash: '' })
	);
	if (!issued) throw new HttpError(409, 'conflict', 'The account changed meanwhile; try again.');
	await endSessions(act.context, account._id);
	await audit(act, 'account.reset', { target: account._id, ...orgOf(account) });
	const [activation] = await issuedCodes(act.context.store, [issued]);
	return { activation };
}

async function unlock(act: Acting, account: Account) {
	const updated = await write(act, account, (fresh) => {
		const next = { ...fresh, failedLogins: 0 };
		delete next.lockouts;
		return next;
	});
	await audit(act, 'account.unlock', { target: account._id, ...orgOf(account) });
	return summaryOf(updated, act.now);
}

/**
 * Sign-in refused, pending code withdrawn, sessions ended with a mark so that devices wipe
 * themselves at their next contact. Reactivating keeps the password the account had.
 */
async function deactivate(act: Acting, account: Account) {
	if (account._id === act.caller.actor.username)
		throw new HttpError(409, 'self', 'You cannot deactivate your own account.');
	const codeHash = account.activation?.codeHash;
	const updated = await write(act, account, (fresh) => {
		const next: Account = {
			...fresh,
			deactivatedAt: fresh.deactivatedAt ?? act.now.toISOString(),
			deactivatedBy: fresh.deactivatedBy ?? act.caller.actor.username
		};
		delete next.activation;
		return next;
	});
	if (codeHash) await forgetCodes(act.context.store, [codeHash]);
	await endSessions(act.context, account._id, { because: 'deactivated' });
	await audit(act, 'account.deactivate', { target: account._id, ...orgOf(account) });
	return summaryOf(updated, act.now);
}

async function reactivate(act: Acting, account: Account) {
	const updated = await write(act, account, (fresh) => {
		const next = { ...fresh };
		delete next.deactivatedAt;
		delete next.deactivatedBy;
		return next;
	});
	await audit(act, 'account.reactivate', { target: account._id, ...orgOf(account) });
	return summaryOf(updated, act.now);
}
