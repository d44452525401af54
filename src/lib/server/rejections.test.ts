import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	NOTICES_PER_DAY,
	STASHES_PER_DAY,
	recordRejections,
	takeRejectedVersions,
	type Refusal
} from './rejections';
import { openStore, type Store } from './store';

const NOW = new Date('2026-11-20T04:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const later = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

function refusals(count: number, from = 0): Refusal[] {
	return Array.from({ length: count }, (_, i) => ({
		pushed: { _id: `doc${i + from}`, n: i + from },
		verdict: { ok: false, reason: 'forbidden' } as const
	}));
}

describe('refused writes', () => {
	let dir: string;
	let store: Store;
	let writes: Map<string, number>;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'baodao-rejections-'));
		store = openStore({ dataDir: dir });
		writes = new Map();
		for (const name of ['rejections', 'notices'] as const) {
			const db = store.db(name);
			const bulkDocs = db.bulkDocs.bind(db);
			db.bulkDocs = ((...args: Parameters<typeof bulkDocs>) => {
				writes.set(name, (writes.get(name) ?? 0) + 1);
				return bulkDocs(...args);
			}) as typeof db.bulkDocs;
		}
	});
	afterEach(async () => {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	});

	const noticesOf = async (username: string) =>
		(await store.db('notices').allDocs({ include_docs: true })).rows
			.map((row) => row.doc as Record<string, unknown>)
			.filter((doc) => doc['recipient'] === username);

	it('stores a push of refusals in one write of stashes and one of notices', async () => {
		await recordRejections(store, 'member1', 'reports', refusals(300), NOW);
		expect(Object.fromEntries(writes)).toEqual({ rejections: 1, notices: 1 });
		const taken = await takeRejectedVersions(store, 'member1', 'reports', ['doc0', 'doc299'], NOW);
		expect(taken).toEqual([
			{ _id: 'doc0', n: 0, _deleted: true },
			{ _id: 'doc299', n: 299, _deleted: true }
		]);
	});

	it('gives each user a notice per refusal up to the day cap, then one summary counting the rest', async () => {
		await recordRejections(store, 'member1', 'reports', refusals(NOTICES_PER_DAY - 5), NOW);
		await recordRejections(store, 'member1', 'contacts', refusals(30, 100), NOW);
		await recordRejections(store, 'member1', 'reports', refusals(7, 200), NOW);
		const notices = await noticesOf('member1');
		const perDocument = notices.filter((n) => n['docId'] !== undefined);
		const summaries = notices.filter((n) => n['docId'] === undefined);
		expect(perDocument).toHaveLength(NOTICES_PER_DAY);
		expect(summaries).toEqual([
			expect.objectContaining({
				kind: 'write-rejected',
				channels: ['user:member1'],
				docCollection: 'reports',
				reason: 'forbidden',
				more: 30 - 5 + 7
			})
		]);
		// The next day starts anew, with its own summary if need be.
		await recordRejections(
			store,
			'member1',
			'reports',
			refusals(NOTICES_PER_DAY + 1, 300),
			later(1)
		);
		const next = await noticesOf('member1');
		expect(next.filter((n) => n['docId'] !== undefined)).toHaveLength(2 * NOTICES_PER_DAY);
		expect(next.filter((n) => n['docId'] === undefined).map((n) => n['more'])).toEqual(
			expect.arrayContaining([32, 1])
		);
	});

	it('names the document in its notice only by an id the notice schema takes', async () => {
		await recordRejections(
			store,
			'member1',
			'reports',
			[{ pushed: { _id: 'not an id' }, verdict: { ok: false, reason: 'invalid', detail: 'id' } }],
			NOW
		);
		const [notice] = await noticesOf('member1');
		expect(notice).toMatchObject({ reason: 'invalid', detail: 'id' });
		expect(notice).not.toHaveProperty('docId');
	});

	it('counts each user apart', async () => {
		await recordRejections(store, 'member1', 'reports', refusals(NOTICES_PER_DAY * 3), NOW);
		await recordRejections(store, 'member2', 'reports', refusals(3), NOW);
		const theirs = await noticesOf('member2');
		expect(theirs.map((n) => n['docId']).sort()).toEqual(['doc0', 'doc1', 'doc2']);
		expect(await takeRejectedVersions(store, 'member2', 'reports', ['doc2'], NOW)).toEqual([
			{ _id: 'doc2', n: 2, _deleted: true }
		]);
	});

	it('counts concurrent pushes of one user exactly', async () => {
		await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				recordRejections(store, 'member1', 'reports', refusals(10, i * 10), NOW)
			)
		);
		const [summary] = (await noticesOf('member1')).filter((n) => n['docId'] === undefined);
		expect(summary?.['more']).toBe(100 - NOTICES_PER_DAY);
	});

	it('stashes at most the day cap per user', async () => {
		await recordRejections(store, 'member1', 'reports', refusals(STASHES_PER_DAY - 1), NOW);
		await recordRejections(store, 'member1', 'reports', refusals(2, STASHES_PER_DAY), NOW);
		const taken = await takeRejectedVersions(
			store,
			'member1',
			'reports',
			[`doc${STASHES_PER_DAY - 2}`, `doc${STASHES_PER_DAY}`, `doc${STASHES_PER_DAY + 1}`],
			NOW
		);
		expect(taken.map((doc) => doc?._id ?? null)).toEqual([
			`doc${STASHES_PER_DAY - 2}`,
			`doc${STASHES_PER_DAY}`,
			null
		]);
	});

	it('hands a stash out once, to its own user and collection only', async () => {
		await recordRejections(store, 'member1', 'reports', refusals(1), NOW);
		expect(await takeRejectedVersions(store, 'member2', 'reports', ['doc0'], NOW)).toEqual([null]);
		expect(await takeRejectedVersions(store, 'member1', 'contacts', ['doc0'], NOW)).toEqual([null]);
		expect(await takeRejectedVersions(store, 'member1', 'reports', ['doc0'], NOW)).toEqual([
			{ _id: 'doc0', n: 0, _deleted: true }
		]);
		expect(await takeRejectedVersions(store, 'member1', 'reports', ['doc0'], NOW)).toEqual([null]);
		// Refused again, it is stashed again.
		await recordRejections(store, 'member1', 'reports', refusals(1), NOW);
		expect(await takeRejectedVersions(store, 'member1', 'reports', ['doc0'], NOW)).toHaveLength(1);
	});

	it('keeps a stash through the next day, then no more', async () => {
		await recordRejections(store, 'member1', 'reports', refusals(2), NOW);
		expect(await takeRejectedVersions(store, 'member1', 'reports', ['doc0'], later(1))).toEqual([
			{ _id: 'doc0', n: 0, _deleted: true }
		]);
		expect(await takeRejectedVersions(store, 'member1', 'reports', ['doc1'], later(2))).toEqual([
			null
		]);
	});

	it('deletes the stashes and tallies of days before yesterday when refusals come in', async () => {
		await recordRejections(store, 'member1', 'reports', refusals(50), NOW);
		await recordRejections(store, 'member2', 'reports', refusals(1), later(1));
		const kept = async () =>
			(await store.db('rejections').allDocs()).rows.map((row) => row.id.slice(0, 10));
		expect(new Set(await kept())).toEqual(new Set(['2026-11-20', '2026-11-21']));
		await recordRejections(store, 'member2', 'reports', refusals(1), later(2));
		expect(new Set(await kept())).toEqual(new Set(['2026-11-21', '2026-11-22']));
	});
});
