import { createHash, randomBytes } from 'node:crypto';
import {
	activationCodeFrom,
	activationExpiry,
	ACTIVATION_CODE_LENGTH
} from '../domain/accounts/activation-codes';
import { findAccount, type Account } from './accounts';
import { getIfExists } from './read-by-id';
import type { Store } from './store';

/**
 * Activation codes are stored as their SHA-256 only: they are random (50 bits) and short-lived,
 * not chosen by people, so a slow hash would add nothing. A code finds its account through an
 * index document `activation:<hash>` in the server-only `config` database — one read, no scan —
 * which the account's own `activation.codeHash` confirms (an index left behind by a replaced code
 * finds nothing).
 */
const INDEX_PREFIX = 'activation:';

export function codeHashOf(code: string): string {
	return createHash('sha256').update(code).digest('hex');
}

export function newActivationCode(): string {
	return activationCodeFrom(new Uint8Array(randomBytes(ACTIVATION_CODE_LENGTH)));
}

export interface Issued {
	account: Account;
	/** Shown once, to whoever issued it; never stored. */
	code: string;
	expiresAt: string;
}

/** Accounts written per round trip when issuing a bureau's codes. */
const BATCH = 500;

/**
 * Gives each account a new code (replacing any earlier one), with `change` applied as well (a
 * reset also removes the password). An account that keeps changing under the write is left out.
 */
export async function issueActivations(
	store: Store,
	accounts: readonly Account[],
	by: string,
	now: Date,
	change: (account: Account) => Account = (account) => account
): Promise<Issued[]> {
	const issued: Issued[] = [];
	for (let start = 0; start < accounts.length; start += BATCH) {
		issued.push(
			...(await issueBatch(store, accounts.slice(start, start + BATCH), by, now, change))
		);
	}
	return issued;
}

async function issueBatch(
	store: Store,
	batch: readonly Account[],
	by: string,
	now: Date,
	change: (account: Account) => Account
): Promise<Issued[]> {
	const expiresAt = activationExpiry(now).toISOString();
	const issued: Issued[] = [];
	const replaced: string[] = [];
	let pending = [...batch];
	for (let round = 0; pending.length > 0 && round < 3; round++) {
		const codes = pending.map(() => newActivationCode());
		const next = pending.map((account, i) => ({
			...change(account),
			activation: {
				codeHash: codeHashOf(codes[i]!),
				expiresAt,
				issuedAt: now.toISOString(),
				issuedBy: by
			}
		}));
		// The index first: an index whose account write then fails leads nowhere.
		await store.db('config').bulkDocs(
			next.map((account) => ({
				_id: INDEX_PREFIX + account.activation.codeHash,
				username: account._id,
				expiresAt
			}))
		);
		const results = await store
			.db('accounts')
			.bulkDocs(next as unknown as Array<Record<string, unknown> & { _id: string }>);
		const retry: string[] = [];
		results.forEach((result, i) => {
			const account = next[i]!;
			if ('ok' in result && result.ok) {
				issued.push({ account: { ...account, _rev: result.rev }, code: codes[i]!, expiresAt });
				const before = pending[i]!.activation?.codeHash;
				if (before) replaced.push(before);
			} else retry.push(account._id);
		});
		pending = (await Promise.all(retry.map((id) => findAccount(store.db('accounts'), id)))).filter(
			(account): account is Account => account !== null
		);
	}
	await forgetCodes(store, replaced);
	return issued;
}

/** Removes the index documents of codes no longer valid; best effort, since they lead nowhere. */
export async function forgetCodes(store: Store, codeHashes: readonly string[]): Promise<void> {
	if (codeHashes.length === 0) return;
	const config = store.db('config');
	const { rows } = await config.allDocs({ keys: codeHashes.map((hash) => INDEX_PREFIX + hash) });
	const gone = rows.flatMap((row) =>
		'value' in row && row.value && !row.value.deleted
			? [{ _id: row.id, _rev: row.value.rev, _deleted: true }]
			: []
	);
	await config
		.bulkDocs(gone)
		.catch((error: unknown) => console.error('Forgetting activation codes failed:', error));
}

/** The account a code activates at `now`, or null: unknown, replaced, used, expired or deactivated. */
export async function accountOfCode(
	store: Store,
	code: string,
	now: Date
): Promise<Account | null> {
	const codeHash = codeHashOf(code);
	const index = await getIfExists(store.db('config'), INDEX_PREFIX + codeHash);
	const username = index?.['username'];
	if (typeof username !== 'string') return null;
	const account = await findAccount(store.db('accounts'), username);
	return account && codeIsValid(account, codeHash, now) ? account : null;
}

export function codeIsValid(account: Account, codeHash: string, now: Date): boolean {
	const activation = account.activation;
	return (
		!account.deactivatedAt &&
		activation !== undefined &&
		activation.codeHash === codeHash &&
		new Date(activation.expiresAt) > now
	);
}
