import type { Report } from '../src/lib/domain/registry';
import type { Account } from '../src/lib/server/accounts';
import { toStored } from '../src/lib/server/demo/demo-seed';
import { hashPassword } from '../src/lib/server/passwords';
import type { SignInGuardOptions } from '../src/lib/server/session-api';
import { DEFAULT_SIGN_IN_LIMITS } from '../src/lib/server/sign-in-limits';
import { startSession } from '../src/lib/server/sessions';
import type { Database, Store } from '../src/lib/server/store';
import { aReport } from '../tests/support/factories';
import type { RoleGrant } from '../src/lib/domain/access/roles';
import { sessionCookie } from './raw-http';
import { chunks } from './support';

export const BENCH_ORG = 'org-bench';

/**
 * Production's sign-in limits, but for the per-name one: a bench signs the same account in for
 * every round from one loopback address, which the limit exists to stop.
 */
export const BENCH_SIGN_IN: SignInGuardOptions = {
	limits: {
		...DEFAULT_SIGN_IN_LIMITS,
		perUsernameAndAddress: { burst: 1_000, perMinute: 1_000 }
	}
};
/** The branch whose secretary syncs in the initial-sync benchmark. */
export const SECRETARY_BRANCH = 'brS';
/** Documents per branch for the branches the secretary does not see. */
const OTHER_BRANCH_SIZE = 5_000;
/** Reports per member: one per community, so every id (member.kind.community) is distinct. */
const REPORTS_PER_MEMBER = 5;

export type StoredReport = ReturnType<typeof toStored> & { _id: string };
/** Any document as the store holds it (`_id` for `id`). */
export type StoredDoc = Record<string, unknown> & { _id: string };

/**
 * The n-th report of a branch: member `<branch>m<k>` reports to five communities. Valid for the
 * shared schema, channels computed by the shared function (member, branch, bureau, community).
 */
export function branchReport(branchId: string, n: number, orgId = BENCH_ORG): Report {
	const memberId = `${branchId}m${Math.floor(n / REPORTS_PER_MEMBER)}`;
	const communityId = `cm${n % 250}`;
	return aReport(memberId, communityId, { branchId, orgId });
}

/** The secretary's 5,000 (or `visible`) reports, in a stable order. */
export function visibleReports(visible: number): StoredReport[] {
	return Array.from(
		{ length: visible },
		(_, n) => toStored({ ...branchReport(SECRETARY_BRANCH, n) }) as StoredReport
	);
}

/**
 * The `i`-th document of a store of `total` holding `visible` reports of the secretary's branch
 * interleaved with reports of other branches (one in `total / visible` is the secretary's), as
 * reports arrive over time from many branches.
 */
function storeDoc(i: number, total: number, visible: number): StoredReport {
	const every = total / visible;
	if (i % every === 0) return toStored({ ...branchReport(SECRETARY_BRANCH, i / every) });
	const other = i - Math.floor(i / every) - 1;
	const branch = `bo${Math.floor(other / OTHER_BRANCH_SIZE)}`;
	return toStored({ ...branchReport(branch, other % OTHER_BRANCH_SIZE) });
}

/** Fills a store with `total` reports, `visible` of them the secretary's, with bulkDocs in chunks. */
export async function seedReportStore(
	db: Database,
	total: number,
	visible: number,
	chunkSize = 5_000
): Promise<void> {
	if (!Number.isInteger(total / visible)) {
		throw new Error(
			`The store size (${total}) must be a multiple of the visible count (${visible}).`
		);
	}
	for (let start = 0; start < total; start += chunkSize) {
		const docs: StoredReport[] = [];
		for (let i = start; i < Math.min(total, start + chunkSize); i++)
			docs.push(storeDoc(i, total, visible));
		const result = await db.bulkDocs(docs);
		const failed = result.filter((row) => 'error' in row && row.error);
		if (failed.length) throw new Error(`Seeding failed for ${failed.length} documents.`);
	}
}

/** Writes every document of `docs` into `db` in chunks; throws on any failed row. */
export async function putAll(
	db: Database,
	docs: readonly StoredDoc[],
	chunkSize = 5_000
): Promise<void> {
	for (const chunk of chunks(docs, chunkSize)) {
		const result = await db.bulkDocs(chunk);
		if (result.some((row) => 'error' in row && row.error))
			throw new Error('bulkDocs refused a document.');
	}
}

export interface BenchAccount {
	username: string;
	memberId?: string;
	branchId?: string;
	orgId?: string;
	roles: RoleGrant[];
}

/**
 * Stores many accounts at once with one shared password hash: hashing a password costs ~50 ms
 * of scrypt, which would only measure the hash. Sessions for them come from `startSession`.
 */
export async function putAccounts(
	db: Database,
	accounts: readonly BenchAccount[],
	password: string
): Promise<void> {
	const passwordHash = await hashPassword(password);
	const docs: Account[] = accounts.map(({ username, ...rest }) => ({
		_id: username,
		displayName: username,
		passwordHash,
		failedLogins: 0,
		...rest
	}));
	const result = await db.bulkDocs(
		docs as unknown as (Record<string, unknown> & { _id: string })[]
	);
	if (result.some((row) => 'error' in row && row.error))
		throw new Error('Storing accounts failed.');
}

/**
 * `count` members of one branch (`device0`…), each signed in: their session cookies, ready for
 * requests that skip the sign-in (whose scrypt would dominate what is measured).
 */
export async function signedInMembers(
	store: Store,
	count: number,
	sessionMs: number
): Promise<string[]> {
	const accounts = Array.from({ length: count }, (_, i): BenchAccount => ({
		username: `device${i}`,
		memberId: `m${i}`,
		branchId: 'brM',
		orgId: 'orgM',
		roles: [{ role: 'member' }]
	}));
	await putAccounts(store.db('accounts'), accounts, 'bench-password');
	const cookies: string[] = [];
	for (const account of accounts) {
		const session = await startSession(
			store.db('sessions'),
			account.username,
			new Date(),
			sessionMs
		);
		cookies.push(sessionCookie(session.token));
	}
	return cookies;
}
