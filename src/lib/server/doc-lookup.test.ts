import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lookupDocs, readStored, SharedReads } from './doc-lookup';
import { openStore, type Store } from './store';

describe('reading stored documents', () => {
	let dir: string;
	let store: Store;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'baodao-lookup-'));
		store = openStore({ dataDir: dir });
		const db = store.db('reports');
		await db.put({ _id: 'live', channels: ['member:m001'], n: 1 });
		// Devices delete with the whole body, as RxDB does.
		const gone = await db.put({ _id: 'gone', channels: ['member:m001'], n: 2 });
		await db.put({ _id: 'gone', _rev: gone.rev, _deleted: true, channels: ['member:m001'], n: 2 });
		await db.put({ _id: 'theirs', channels: ['member:m002'] });
	});
	afterAll(async () => {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('gives live documents, deleted ones with their last body, and null for the rest', async () => {
		const found = await readStored(store, 'reports', ['live', 'gone', 'never', '_local/x']);
		expect(found.map((doc) => doc && { id: doc._id, n: doc['n'], deleted: doc._deleted })).toEqual([
			{ id: 'live', n: 1, deleted: undefined },
			{ id: 'gone', n: 2, deleted: true },
			null,
			null
		]);
	});

	it('hides what the caller may not read, and tells only the server', async () => {
		const found = await lookupDocs(store, 'reports', ['live', 'theirs'], new Set(['member:m001']));
		expect(found.map(({ key, doc, hidden }) => [key, doc?._id ?? null, hidden])).toEqual([
			['live', 'live', false],
			['theirs', null, true]
		]);
	});

	it('reads a cited document once, until it changes or five seconds have passed', async () => {
		let now = 0;
		let tell: (id: string | null) => void = () => undefined;
		const reads = new SharedReads(
			store,
			(_, onChange) => {
				tell = onChange;
				return () => undefined;
			},
			() => now
		);
		const get = vi.spyOn(store.db('reports'), 'get');
		const together = await Promise.all([
			reads.read('reports', 'live'),
			reads.read('reports', 'live'),
			reads.read('reports', 'live')
		]);
		expect(together.map((doc) => doc?.['n'])).toEqual([1, 1, 1]);
		await reads.read('reports', 'live');
		expect(get).toHaveBeenCalledTimes(1);
		tell('theirs');
		await reads.read('reports', 'live');
		expect(get).toHaveBeenCalledTimes(1);
		tell('live');
		await reads.read('reports', 'live');
		expect(get).toHaveBeenCalledTimes(2);
		now = 5_000;
		await reads.read('reports', 'live');
		expect(get).toHaveBeenCalledTimes(3);
		// A lost feed forgets everything read from that database.
		tell(null);
		await reads.read('reports', 'live');
		expect(get).toHaveBeenCalledTimes(4);
		get.mockRestore();
		reads.close();
	});
});
