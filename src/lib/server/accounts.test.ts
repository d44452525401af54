import { beforeEach, describe, expect, it } from 'vitest';
import {
	actorOf,
	addressKey,
	attemptsRecorded,
	checkCredentials,
	createAccount,
	findAccount,
	LOCK_MS,
	MAX_FAILED_LOGINS,
	MAX_LOCK_MS,
	MAX_LOCKOUTS,
	normalizeUsername,
	type Account,
	type NewAccount,
	type SignInAttempt
} from './accounts';
import { dummyHash, verifyPassword } from './passwords';
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
	await attemptsRecorded(username);
	return (await db.get(username)) as unknown as Account;
}

const ATTACKER = '203.0.113.9';
const OWNER = '198.51.100.20';
const from = (address: string, extra: Partial<SignInAttempt> = {}) => ({ address, ...extra });

async function failTimes(times: number, now: Date, address = ATTACKER) {
	for (let i = 0; i < times; i++) {
		expect(await checkCredentials(db, 'member1', 'wrong', now, from(address))).toBeNull();
	}
}

const lockout = async (address = ATTACKER) => (await stored()).lockouts?.[addressKey(address)];

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

describe('normalizeUsername', () => {
	it('trims and lower-cases what was typed', () => {
		expect(normalizeUsername('  Member1 ')).toBe('member1');
		expect(normalizeUsername('OFFICE1\t')).toBe('office1');
		expect(normalizeUsername('member1')).toBe('member1');
	});
});

describe('checkCredentials', { timeout: STORE_TIMEOUT_MS }, () => {
	beforeEach(async () => {
		await createAccount(db, newMember());
	});

	it('returns the account for the right password', async () => {
		const account = await checkCredentials(db, 'member1', PASSWORD, T0, from(OWNER));
		expect(account?._id).toBe('member1');
		expect(account?.roles).toEqual([{ role: 'member' }]);
	});

	it('returns null for a wrong password and counts it against the address', async () => {
		expect(await checkCredentials(db, 'member1', 'wrong', T0, from(ATTACKER))).toBeNull();
		expect((await stored()).failedLogins).toBe(1);
		expect(await lockout()).toEqual({ failures: 1, locks: 0, at: T0.toISOString() });
		expect(JSON.stringify(await stored())).not.toContain(ATTACKER);
	});

	it('returns null for an unknown or invalid user', async () => {
		expect(await checkCredentials(db, 'nobody', PASSWORD, T0)).toBeNull();
		expect(await checkCredentials(db, 'Member1', PASSWORD, T0)).toBeNull();
		expect(await checkCredentials(db, '', PASSWORD, T0)).toBeNull();
	});

	it(`does not lock after ${MAX_FAILED_LOGINS - 1} wrong passwords`, async () => {
		await failTimes(MAX_FAILED_LOGINS - 1, T0);
		expect((await lockout())?.failures).toBe(MAX_FAILED_LOGINS - 1);
		expect((await lockout())?.lockedUntil).toBeUndefined();
		expect((await checkCredentials(db, 'member1', PASSWORD, T0, from(ATTACKER)))?._id).toBe(
			'member1'
		);
	});

	it(`locks the address out for 15 minutes after ${MAX_FAILED_LOGINS} wrong passwords`, async () => {
		expect(MAX_FAILED_LOGINS).toBe(5);
		expect(LOCK_MS).toBe(15 * 60 * 1000);
		await failTimes(MAX_FAILED_LOGINS, T0);
		expect(await lockout()).toEqual({
			failures: 0,
			locks: 1,
			at: T0.toISOString(),
			lockedUntil: at(LOCK_MS).toISOString()
		});
	});

	it('refuses the right password from the locked-out address, up to the last millisecond', async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		for (const when of [T0, at(60_000), at(LOCK_MS - 1)]) {
			expect(await checkCredentials(db, 'member1', PASSWORD, when, from(ATTACKER))).toBeNull();
		}
	});

	it('lets the owner in from another address while an attacker is locked out', async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		expect((await checkCredentials(db, 'member1', PASSWORD, T0, from(OWNER)))?._id).toBe('member1');
		// The owner's success leaves the attacker's lock in place.
		expect((await lockout())?.lockedUntil).toBe(at(LOCK_MS).toISOString());
		expect(await checkCredentials(db, 'member1', PASSWORD, T0, from(ATTACKER))).toBeNull();
	});

	it('tells the owner once per lock, with the account', async () => {
		const locked: string[] = [];
		const onLock = (account: Account, now: Date) => {
			locked.push(`${account._id}@${now.toISOString()}`);
			return Promise.resolve();
		};
		for (let i = 0; i < MAX_FAILED_LOGINS + 3; i++) {
			await checkCredentials(db, 'member1', 'wrong', T0, from(ATTACKER, { onLock }));
		}
		expect(locked).toEqual([`member1@${T0.toISOString()}`]);
		for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
			await checkCredentials(db, 'member1', 'wrong', T0, from(OWNER, { onLock }));
		}
		expect(locked).toHaveLength(1);
	});

	it('does not extend the lock or count attempts while locked', async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		const before = await stored();
		expect(
			await checkCredentials(db, 'member1', 'wrong', at(LOCK_MS - 1000), from(ATTACKER))
		).toBeNull();
		const after = await stored();
		expect(after.lockouts).toEqual(before.lockouts);
		expect(after._rev).toBe(before._rev);
	});

	it('accepts the right password once the lock has expired, and forgets the address', async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		expect(
			(await checkCredentials(db, 'member1', PASSWORD, at(LOCK_MS), from(ATTACKER)))?._id
		).toBe('member1');
		const cleared = await stored();
		expect(cleared).not.toHaveProperty('lockouts');
		expect(cleared.failedLogins).toBe(0);
	});

	it('backs off: each further lock lasts twice as long, up to a cap', async () => {
		let now = T0;
		const expected = [LOCK_MS, 2 * LOCK_MS, 4 * LOCK_MS, 8 * LOCK_MS, 16 * LOCK_MS, 16 * LOCK_MS];
		expect(16 * LOCK_MS).toBe(MAX_LOCK_MS);
		for (const length of expected) {
			await failTimes(MAX_FAILED_LOGINS, now);
			const until = new Date((await lockout())?.lockedUntil ?? 0);
			expect(until.getTime() - now.getTime()).toBe(length);
			now = until;
		}
		// A success from the address forgets its locks: the next one is short again.
		expect(await checkCredentials(db, 'member1', PASSWORD, now, from(ATTACKER))).not.toBeNull();
		await failTimes(MAX_FAILED_LOGINS, now);
		expect((await lockout())?.lockedUntil).toBe(new Date(now.getTime() + LOCK_MS).toISOString());
	});

	it('resets the counter on a successful login', async () => {
		await failTimes(MAX_FAILED_LOGINS - 1, T0);
		expect(await checkCredentials(db, 'member1', PASSWORD, T0, from(ATTACKER))).not.toBeNull();
		expect((await stored()).failedLogins).toBe(0);
		// Another four failures do not lock: the earlier four were forgotten.
		await failTimes(MAX_FAILED_LOGINS - 1, T0);
		expect((await lockout())?.lockedUntil).toBeUndefined();
		expect(await checkCredentials(db, 'member1', PASSWORD, T0, from(ATTACKER))).not.toBeNull();
	});

	it('does not rewrite the account on a clean successful login', async () => {
		const before = await stored();
		expect(await checkCredentials(db, 'member1', PASSWORD, T0, from(OWNER))).not.toBeNull();
		expect((await stored())._rev).toBe(before._rev);
	});

	it('keeps failures of one account away from another', async () => {
		await createAccount(db, newMember({ username: 'member2', memberId: 'm002' }));
		await failTimes(MAX_FAILED_LOGINS, T0);
		expect((await checkCredentials(db, 'member2', PASSWORD, T0, from(ATTACKER)))?._id).toBe(
			'member2'
		);
		expect((await stored('member2')).failedLogins).toBe(0);
	});

	it(`remembers at most ${MAX_LOCKOUTS} addresses, keeping those locked out`, async () => {
		await failTimes(MAX_FAILED_LOGINS, T0);
		for (let i = 0; i < MAX_LOCKOUTS + 5; i++) await failTimes(1, at(1000 + i), `10.0.0.${i}`);
		const { lockouts } = await stored();
		expect(Object.keys(lockouts ?? {})).toHaveLength(MAX_LOCKOUTS);
		expect((await lockout())?.lockedUntil).toBe(at(LOCK_MS).toISOString());
		expect(lockouts?.[addressKey(`10.0.0.${MAX_LOCKOUTS + 4}`)]).toBeDefined();
		expect(lockouts?.[addressKey('10.0.0.0')]).toBeUndefined();
	});
});

describe(
	'checkCredentials under parallel guesses (issue 12, item 2)',
	{ timeout: STORE_TIMEOUT_MS },
	() => {
		beforeEach(async () => {
			await createAccount(db, newMember());
		});

		it('locks the address out after 60 concurrent wrong passwords', async () => {
			const answers = await Promise.all(
				Array.from({ length: 60 }, () =>
					checkCredentials(db, 'member1', 'wrong', T0, from(ATTACKER))
				)
			);
			expect(answers.every((answer) => answer === null)).toBe(true);
			expect((await lockout())?.lockedUntil).toBe(at(LOCK_MS).toISOString());
			expect((await stored()).failedLogins).toBe(MAX_FAILED_LOGINS);
			expect(await checkCredentials(db, 'member1', PASSWORD, T0, from(ATTACKER))).toBeNull();
		});

		it('does not sign in a burst of 40 guesses whose right one comes after the limit', async () => {
			const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? PASSWORD : `guess-${i}`));
			const answers = await Promise.all(
				guesses.map((guess) => checkCredentials(db, 'member1', guess, T0, from(ATTACKER)))
			);
			expect(answers.filter((answer) => answer !== null)).toEqual([]);
			expect((await lockout())?.lockedUntil).toBe(at(LOCK_MS).toISOString());
		});
	}
);

describe(
	'checkCredentials does the same work on every failure (issue 12, item 3)',
	{ timeout: STORE_TIMEOUT_MS },
	() => {
		/** The accounts database, counting its lookups. */
		function counted(target: Database) {
			const gets: string[] = [];
			const proxy = new Proxy(target, {
				get(object, property) {
					const value: unknown = Reflect.get(object, property, object);
					if (property === 'get') {
						return (id: string, ...rest: unknown[]) => {
							gets.push(id);
							return (value as (...args: unknown[]) => unknown).call(object, id, ...rest);
						};
					}
					return typeof value === 'function' ? (value.bind(object) as unknown) : value;
				}
			});
			return { db: proxy, gets };
		}

		async function work(username: string, password: string, address = ATTACKER) {
			const { db: countingDb, gets } = counted(db);
			const hashes: string[] = [];
			const verify = (given: string, hash: string) => {
				hashes.push(hash);
				return verifyPassword(given, hash);
			};
			const answer = await checkCredentials(
				countingDb,
				username,
				password,
				T0,
				from(address, { verify })
			);
			return { answer, lookups: gets.length, hashes };
		}

		beforeEach(async () => {
			await createAccount(db, newMember());
		});

		it('looks up once and hashes once for an unknown, an invalid, a locked and a known name', async () => {
			const account = await stored();
			const unknown = await work('nobody', 'wrong');
			const invalid = await work('_design/channels', 'wrong');
			const wrong = await work('member1', 'wrong');
			await failTimes(MAX_FAILED_LOGINS, T0);
			const locked = await work('member1', 'wrong');
			const lockedRight = await work('member1', PASSWORD);
			for (const [name, outcome] of Object.entries({
				unknown,
				invalid,
				wrong,
				locked,
				lockedRight
			})) {
				expect(outcome.answer, name).toBeNull();
				expect(outcome.lookups, name).toBe(1);
				expect(outcome.hashes, name).toHaveLength(1);
			}
			// An unknown name is checked against the dummy hash, a known one against its own.
			expect(unknown.hashes).toEqual([await dummyHash()]);
			expect(invalid.hashes).toEqual([await dummyHash()]);
			expect(wrong.hashes).toEqual([account.passwordHash]);
			expect(locked.hashes).toEqual([account.passwordHash]);
		});

		it('does the same for the right password', async () => {
			const right = await work('member1', PASSWORD, OWNER);
			expect(right.answer?._id).toBe('member1');
			expect(right.lookups).toBe(1);
			expect(right.hashes).toHaveLength(1);
		});
	}
);

describe('accounts without a usable password', { timeout: STORE_TIMEOUT_MS }, () => {
	it('refuse every password while pending activation, hashing the dummy all the same', async () => {
		await createAccount(db, newMember());
		await db.put({ ...(await stored()), passwordHash: '' });
		const checked: string[] = [];
		const refused: string[] = [];
		const attempt = from(OWNER, {
			verify: (given, hash) => {
				checked.push(hash);
				return verifyPassword(given, hash);
			},
			onRefused: (_account, reason) => Promise.resolve(void refused.push(reason))
		});
		expect(await checkCredentials(db, 'member1', '', T0, attempt)).toBeNull();
		expect(await checkCredentials(db, 'member1', PASSWORD, T0, attempt)).toBeNull();
		await attemptsRecorded('member1');
		expect(checked).toEqual([await dummyHash(), await dummyHash()]);
		expect(refused).toEqual(['unusable', 'unusable']);
		expect((await stored()).failedLogins).toBe(0);
	});

	it('refuse the right password of a deactivated account', async () => {
		await createAccount(db, newMember());
		await db.put({ ...(await stored()), deactivatedAt: T0.toISOString(), deactivatedBy: 'admin' });
		expect(await checkCredentials(db, 'member1', PASSWORD, T0, from(OWNER))).toBeNull();
	});

	it('report wrong passwords and locked addresses of existing accounts only', async () => {
		await createAccount(db, newMember());
		const refused: string[] = [];
		const attempt = from(ATTACKER, {
			onRefused: (_a, reason) => Promise.resolve(void refused.push(reason))
		});
		for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
			await checkCredentials(db, 'member1', 'wrong', T0, attempt);
		}
		await checkCredentials(db, 'member1', PASSWORD, T0, attempt);
		await checkCredentials(db, 'nobody', PASSWORD, T0, attempt);
		await attemptsRecorded('member1');
		expect(refused).toEqual([...Array<string>(MAX_FAILED_LOGINS).fill('password'), 'locked']);
	});
});
