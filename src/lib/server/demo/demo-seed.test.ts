import { describe, expect, it } from 'vitest';
import { collectionNames } from '../../domain/registry';
import { STORE_TIMEOUT_MS, useTempStore } from '../../../test-data/test-store';
import { createAccount, findAccount } from '../accounts';
import { verifyPassword } from '../passwords';
import type { Database, DatabaseName, Store } from '../store';
import { DEMO_PASSWORD, buildDemoData } from './demo-data';
import { readFile } from '../evidence-files';
import { SEED_MARKER_ID, demoSeedUnderway, seedDemoData, toStored } from './demo-seed';

const NOW = new Date('2026-11-20T04:00:00.000Z');
/** A restart a day later: what it writes must still carry the first start's timestamps. */
const LATER = new Date('2026-11-21T04:00:00.000Z');
const USERNAMES = ['member1', 'member2', 'secretary1', 'community1', 'office1', 'admin'];
const data = buildDemoData(NOW);
const collections = collectionNames.filter((name) => data.docs[name].length > 0);
/** Every demo document as seeding at `at` stores it, collection by collection. */
const demoDocs = (at: Date) => {
	const docs = buildDemoData(at).docs;
	return collections.flatMap((name) => docs[name].map((doc) => ({ name, doc: toStored(doc) })));
};
const expectedDocs = demoDocs(NOW);

/**
 * The marker, every demo document, the files they cite, each account, then the completion: the
 * seed's writes in order.
 */
const WRITES = 1 + expectedDocs.length + data.files.length + USERNAMES.length + 1;

class Killed extends Error {}

type Doc = Parameters<Database['put']>[0];

/**
 * The store of a process killed after `budget` more documents: the next write stops part-way (a
 * `bulkDocs` keeps the documents before the cut, as CouchDB does) and nothing after it happens.
 */
function killedAfter(store: Store, budget: number): Store {
	let left = budget;
	const wrap = (db: Database): Database => {
		const put = async (doc: Doc) => {
			if (left-- <= 0) throw new Killed();
			return db.put(doc);
		};
		const bulkDocs = async (docs: Doc[]) => {
			const kept = docs.slice(0, Math.max(left, 0));
			left -= docs.length;
			const written = kept.length ? await db.bulkDocs(kept) : [];
			if (left < 0) throw new Killed();
			return written;
		};
		return Object.assign(Object.create(db) as Database, { put, bulkDocs });
	};
	return { ...store, db: (name: DatabaseName) => wrap(store.db(name)) };
}

/** Every demo document as the store holds it, without its revision; null when missing. */
async function storedDocs(store: Store, expected: ReturnType<typeof demoDocs>) {
	return Promise.all(
		expected.map(async ({ name, doc }) => {
			const found = await store
				.db(name)
				.get(String(doc['_id']))
				.catch(() => null);
			if (!found) return null;
			const fields: Record<string, unknown> = { ...found };
			delete fields['_rev'];
			return fields;
		})
	);
}

async function expectSignIn(store: Store, usernames: readonly string[]) {
	for (const username of usernames) {
		const account = await findAccount(store.db('accounts'), username);
		expect(account, username).not.toBeNull();
		expect(await verifyPassword(DEMO_PASSWORD, account?.passwordHash ?? ''), username).toBe(true);
	}
}

async function updateSeqs(store: Store) {
	const names = [...collections, 'accounts', 'config'] as DatabaseName[];
	return Promise.all(names.map(async (name) => (await store.db(name).info()).update_seq));
}

describe('seeding the demo data', { timeout: STORE_TIMEOUT_MS }, () => {
	const store = useTempStore('demo-seed');

	const member = expectedDocs.findIndex(({ name }) => name === 'members');
	const killPoints = [
		['before anything', 0],
		['after the marker', 1],
		['within the first collection', 2],
		['within the members', 1 + member + 3],
		['after the last document', 1 + expectedDocs.length],
		['between two accounts', 1 + expectedDocs.length + data.files.length + 2],
		['before the completion marker', WRITES - 1]
	] as const;

	it.each(killPoints)('finishes at the next start when killed %s', async (_, budget) => {
		await expect(seedDemoData(killedAfter(store(), budget), NOW, USERNAMES)).rejects.toThrow(
			Killed
		);
		// Meanwhile users changed one demo document and deleted another, if they were there.
		const [changed, deleted] = [member, member + 1].map((index) => expectedDocs[index]);
		const members = store().db('members');
		const mine = await members.get(String(changed?.doc['_id'])).catch(() => null);
		if (mine) await members.put({ ...mine, name: '改过的名字' });
		const gone = await members.get(String(deleted?.doc['_id'])).catch(() => null);
		if (gone) await members.remove(gone._id, gone._rev);

		expect(await seedDemoData(store(), LATER, USERNAMES)).toMatchObject({ seeded: true });

		// A seed killed before it began starts afresh; any other keeps its first start's timestamps.
		const startedAt = budget === 0 ? LATER : NOW;
		const expected = demoDocs(startedAt);
		const docs = await storedDocs(store(), expected);
		expected.forEach(({ doc }, index) => {
			if (index === member && mine) {
				expect(docs[index]).toEqual({ ...doc, name: '改过的名字' });
			} else if (index === member + 1 && gone) {
				expect(docs[index], 'a deleted document stays deleted').toBeNull();
			} else {
				expect(docs[index]).toEqual(doc);
			}
		});
		await expectSignIn(store(), USERNAMES);
		expect(await store().db('config').get(SEED_MARKER_ID)).toMatchObject({
			startedAt: startedAt.toISOString(),
			completedAt: LATER.toISOString()
		});
	});

	it('stores the files the demo cites, and says when it is underway', async () => {
		expect(await demoSeedUnderway(store())).toBe(false);
		await expect(seedDemoData(killedAfter(store(), 1), NOW, USERNAMES)).rejects.toThrow(Killed);
		expect(await demoSeedUnderway(store())).toBe(true);
		await seedDemoData(store(), NOW, USERNAMES);
		expect(await demoSeedUnderway(store())).toBe(false);
		expect(data.files.length).toBeGreaterThan(0);
		for (const file of data.files) {
			expect((await readFile(store(), file.hash))?.type, file.hash).toBe(file.type);
		}
	});

	it('changes nothing once complete, and keeps what users changed', async () => {
		expect(await seedDemoData(store(), NOW, USERNAMES)).toMatchObject({ seeded: true });
		const account = await findAccount(store().db('accounts'), 'member1');
		await store()
			.db('accounts')
			.put({ ...account, displayName: '新名字' } as unknown as Record<string, unknown> & {
				_id: string;
			});
		const before = await updateSeqs(store());

		expect(await seedDemoData(store(), LATER, USERNAMES)).toMatchObject({ seeded: false });
		expect(await updateSeqs(store())).toEqual(before);
		expect((await findAccount(store().db('accounts'), 'member1'))?.displayName).toBe('新名字');
	});

	it('leaves a store with members but no marker alone: real data, or seeded before markers', async () => {
		await store().db('members').put({ _id: 'm-real', name: '真实党员', channels: [] });
		await createAccount(store().db('accounts'), {
			username: 'someone',
			password: 'a real password',
			displayName: '真实党员',
			roles: [{ role: 'member' }]
		});
		const before = await updateSeqs(store());
		expect(await seedDemoData(store(), NOW, USERNAMES)).toMatchObject({ seeded: false });
		expect(await updateSeqs(store())).toEqual(before);
	});

	it(
		'gives every demo account a working password after a kill among the accounts',
		{ timeout: 4 * STORE_TIMEOUT_MS },
		async () => {
			const everyone = data.accounts.map((account) => account.username);
			const half = 1 + expectedDocs.length + Math.floor(everyone.length / 2);
			await expect(seedDemoData(killedAfter(store(), half), NOW)).rejects.toThrow(Killed);
			expect(await seedDemoData(store(), LATER)).toMatchObject({ seeded: true });
			await expectSignIn(store(), everyone);
		}
	);
});
