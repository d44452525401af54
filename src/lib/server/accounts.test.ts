import { beforeEach, describe, expect, it } from 'vitest';
import {
	actorOf,
	checkCredentials,
	createAccount,
	findAccount,
	LOCK_MS,
	MAX_FAILED_LOGINS,
	type Account,
	type NewAccount
} from './accounts';
import type { Database } from './store';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';

const PASSWORD = 'richtig-passwort';
const T0 = new Date('2024-05-20T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const store = useTempStore('accounts');
let db: Database;

beforeEach(() => {
	db = store().db('accounts');
});

function newMember(overrides: Partial<NewAccount> = {}): NewAccount {
	return {
		username: 'member1',
		password: PASSWORD,
		displayName: '李伟',
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		roles: [{ role: 'member' }],
		...overrides
	};
}

async function stored(username = 'member1'): Promise<Account> {
	return (await db.get(username)) as unknown as Account;
}

async function failTimes(times: number, now: Date) {
	for (let i = 0; i < times; i++) {
		expect(await checkCredentials(db, 'member1', 'wrong', now)).toBeNull();
	}
}

describe('createAccount / findAccount', { timeout: STORE_TIMEOUT_MS }, () => {
	it('stores the account under the username, with a hash and no failures', async () => {
		const account = await createAccount(db, newMember());
		expect(account._id).toBe('member1');
		expect(account.failedLogins).toBe(0);
		expect(account.passwordHash.startsWith('scrypt$')).toBe(true);
		expect(JSON.stringify(await stored())).not.toContain(PASSWORD);
		const found = await findAccount(db, 'member1');
		expect(found).toMatchObject({
			_id: 'member1',
			displayName: '李伟',
			memberId: 'm001',
			roles: [{ role: 'member' }]
		});
		expect(found).not.toHaveProperty('password');
		expect(found).not.toHaveProperty('username');
	});

	it('refuses an invalid username', async () => {
		for (const username of ['Member1', '_admin', '', 'a b', 'x'.repeat(65), '-lead']) {
			await expect(createAccount(db, newMember({ username })), username).rejects.toThrow(
				/Invalid username/
			);
		}
	});

	it('refuses a second account with the same username', async () => {
		await createAccount(db, newMember());
		await expect(createAccount(db, newMember({ displayName: 'other' }))).rejects.toBeTruthy();
		expect((await stored()).displayName).toBe('李伟');
	});

	it('finds nothing for unknown or invalid usernames', async () => {
		await createAccount(db, newMember());
		expect(await findAccount(db, 'member2')).toBeNull();
		expect(await findAccount(db, 'MEMBER1')).toBeNull();
		expect(await findAccount(db, '_design/channels')).toBeNull();
		expect(await findAccount(db, '_all_docs')).toBeNull();
	});
});

describe('actorOf', { timeout: STORE_TIMEOUT_MS }, () => {
	it('keeps the identity fields that are set', async () => {
		const account = await createAccount(db, newMember());
		expect(actorOf(account)).toEqual({
			username: 'member1',
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-a',
			roles: [{ role: 'member' }]
		});
	});

	it('leaves out identity fields that are not set', async () => {
		const account = await createAccount(db, {
			username: 'community1',
			password: PASSWORD,
			displayName: '社区',
			roles: [{ role: 'community_staff', communityId: 'cm1' }]
		});
		const actor = actorOf(account);
		expect(actor).toEqual({
			username: 'community1',
			roles: [{ role: 'community_staff', communityId: 'cm1' }]
		});
		expect(Object.keys(actor).sort()).toEqual(['roles', 'username']);
	});
});

describe('checkCredentials', { timeout: STORE_TIMEOUT_MS }, () => {
	beforeEach(async () => {
		await createAccount(db, newMember());
	});

	it('returns the account for the right password', async () => {
		const account = await checkCredentials(db, 'member1', PASSWORD, T0);
		expect(account?._id).toBe('member1');
		expect(account?.roles).toEqual([{ role: 'member' }]);
	});

	it('returns null for a wrong password and counts it', async () => {
		expect(await checkCredentials(db, 'member1', 'wrong', T0)).toBeNull();
		expect((await stored()).failedLogins).toBe(1);
		expect((await stored()).lockedUntil).toBeUndefined();
	});

	it('returns null for an unknown or invalid user', async () => {
		expect(await checkCredentials(db, 'nobody', PASSWORD, T0)).toBeNull();
		expect(await checkCredentials(db, 'Member1', PASSWORD, T0)).toBeNull();
		expect(await checkCredentials(db, '', PASSWORD, T0)).toBeNull();
	});

	it(`does not lock after ${MAX_FAILED_LOGINS - 1} wrong passwords`, async () => {
		await failTimes(MAX_FAILED_LOGINS - 1, T0);
		expect((await stored()).failedLogins).toBe(MAX_FAILED_LOGINS - 1);
		expect((await stored()).lockedUntil).toBeUndefined();
		expect((await checkCredentials(db, 'member1', PASSWORD, T0))?._id).toBe('member1');
	});

	it(`locks for 15 minutes after ${MAX_FAILED_LOGINS} wrong passwords`, async () => {
		expect(MAX_FAILED_LOGINS).toBe(5);
		expect(LOCK_MS).toBe(15 * 60 * 1000);
		await failTimes(MAX_FAILED_LOGINS, T0);
		const locked = await stored();
		expect(locked.lockedUntil).toBe(at(LOCK_MS).toISOString());
		expect(locked.failedLogins).toBe(0);
	});

	it('refuses the right password while locked, up to the last millisecond', async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		expect(await checkCredentials(db, 'member1', PASSWORD, T0)).toBeNull();
		expect(await checkCredentials(db, 'member1', PASSWORD, at(60_000))).toBeNull();
		expect(await checkCredentials(db, 'member1', PASSWORD, at(LOCK_MS - 1))).toBeNull();
	});

	it('does not extend the lock or count attempts while locked', async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		const before = await stored();
		expect(await checkCredentials(db, 'member1', 'wrong', at(LOCK_MS - 1000))).toBeNull();
		const after = await stored();
		expect(after.lockedUntil).toBe(before.lockedUntil);
		expect(after.failedLogins).toBe(before.failedLogins);
		expect(after._rev).toBe(before._rev);
	});

	it('accepts the right password once the lock has expired, and clears the lock', async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		expect((await checkCredentials(db, 'member1', PASSWORD, at(LOCK_MS)))?._id).toBe('member1');
		const cleared = await stored();
		expect(cleared.lockedUntil).toBeUndefined();
		expect(cleared).not.toHaveProperty('lockedUntil');
		expect(cleared.failedLogins).toBe(0);
	});

	it('counts afresh after a lock has expired', async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		const later = at(LOCK_MS + 1);
		await failTimes(MAX_FAILED_LOGINS - 1, later);
		expect((await checkCredentials(db, 'member1', PASSWORD, later))?._id).toBe('member1');
		await failTimes(MAX_FAILED_LOGINS, later);
		expect((await stored()).lockedUntil).toBe(new Date(later.getTime() + LOCK_MS).toISOString());
		expect(await checkCredentials(db, 'member1', PASSWORD, later)).toBeNull();
	});

	it('resets the counter on a successful login', async () => {
		await failTimes(MAX_FAILED_LOGINS - 1, T0);
		expect(await checkCredentials(db, 'member1', PASSWORD, T0)).not.toBeNull();
		expect((await stored()).failedLogins).toBe(0);
		// Another four failures do not lock: the earlier four were forgotten.
		await failTimes(MAX_FAILED_LOGINS - 1, T0);
		expect((await stored()).lockedUntil).toBeUndefined();
		expect(await checkCredentials(db, 'member1', PASSWORD, T0)).not.toBeNull();
	});

	it('does not rewrite the account on a clean successful login', async () => {
		const before = await stored();
		expect(await checkCredentials(db, 'member1', PASSWORD, T0)).not.toBeNull();
		expect((await stored())._rev).toBe(before._rev);
	});

	it('keeps failures of one account away from another', async () => {
		await createAccount(db, newMember({ username: 'member2', memberId: 'm002' }));
		await failTimes(MAX_FAILED_LOGINS, T0);
		expect((await checkCredentials(db, 'member2', PASSWORD, T0))?._id).toBe('member2');
		expect((await stored('member2')).failedLogins).toBe(0);
	});
});
