import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallerCache, type CallerRecord } from './caller-cache';
import { ChangeHubs, type Watch } from './change-hub';
import { openStore, type Store } from './store';

const T0 = Date.parse('2026-06-01T08:00:00Z');

function record(sources: string[], expiresAt = T0 + 60_000): CallerRecord {
	return {
		actor: { username: 'member1', roles: [{ role: 'member' }] },
		displayName: 'Member 1',
		reach: { memberCommunities: ['cm1'], branchCommunities: [] },
		expiresAt,
		sources
	};
}

describe('CallerCache', () => {
	let dir: string;
	let store: Store;
	let now: number;
	let cache: CallerCache;
	let hubs: ChangeHubs;
	let watch: Watch;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'baodao-callers-'));
		store = openStore({ dataDir: dir });
		for (const name of ['sessions', 'accounts', 'members', 'directory'] as const) {
			await store.db(name).info();
		}
		now = T0;
		hubs = new ChangeHubs(store);
		watch = (name, onChange) => hubs.of(name).watch(onChange);
		cache = new CallerCache(watch, () => now);
		cache.start();
	});
	afterEach(async () => {
		cache.close();
		hubs.close();
		await store.close();
		await rm(dir, { recursive: true, force: true });
	});

	const sources = ['sessions/s1', 'accounts/member1', 'members/m001', 'directory/br1'];

	it('reads a session once and answers from memory after that', async () => {
		const load = vi.fn(() => Promise.resolve(record(sources)));
		expect(await cache.read('s1', load)).toMatchObject({ displayName: 'Member 1' });
		expect(await cache.read('s1', load)).toMatchObject({ displayName: 'Member 1' });
		expect(load).toHaveBeenCalledTimes(1);
	});

	it('never remembers an unknown session', async () => {
		const load = vi.fn(() => Promise.resolve(null));
		expect(await cache.read('s1', load)).toBeNull();
		expect(await cache.read('s1', load)).toBeNull();
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('refuses a remembered session once it has expired', async () => {
		const load = vi.fn(() => Promise.resolve(record(sources, T0 + 1_000)));
		await cache.read('s1', load);
		now = T0 + 1_000;
		expect(await cache.read('s1', load)).toBeNull();
	});

	it('reads again after a document it was read from changes, and only then', async () => {
		const load = vi.fn(() => Promise.resolve(record(sources)));
		await cache.read('s1', load);
		await store.db('members').put({ _id: 'm999', name: 'someone else' });
		await store.db('members').put({ _id: 'm001', name: 'moved' });
		await vi.waitFor(() => expect(cache.size).toBe(0));
		await cache.read('s1', load);
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('does not keep a read that a change to its documents overlapped', async () => {
		// A witness entry read from the same account shows when the cache has seen the change.
		await cache.read('witness', () => Promise.resolve(record(['accounts/member1'])));
		let finish: (value: CallerRecord) => void = () => undefined;
		const reading = cache.read(
			's1',
			() => new Promise<CallerRecord>((resolve) => (finish = resolve))
		);
		await store.db('accounts').put({ _id: 'member1', roles: [] });
		await vi.waitFor(() => expect(cache.size).toBe(0));
		finish(record(sources));
		expect(await reading).toMatchObject({ displayName: 'Member 1' });
		expect(cache.size).toBe(0);
	});

	it('reads again after a minute even without a change', async () => {
		const load = vi.fn(() => Promise.resolve(record(sources, T0 + 3_600_000)));
		await cache.read('s1', load);
		now = T0 + 60_000;
		await cache.read('s1', load);
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('forgets a session signed out in this process at once', async () => {
		const load = vi.fn(() => Promise.resolve(record(sources)));
		await cache.read('s1', load);
		cache.forget('s1');
		await cache.read('s1', load);
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('keeps at most its limit of sessions, forgetting the oldest read first', async () => {
		const small = new CallerCache(watch, () => now, 2);
		const load = vi.fn((id: string) => Promise.resolve(record([`sessions/${id}`])));
		for (const id of ['a', 'b', 'c']) await small.read(id, () => load(id));
		expect(small.size).toBe(2);
		await small.read('b', () => load('b'));
		await small.read('a', () => load('a'));
		expect(load.mock.calls.map(([id]) => id)).toEqual(['a', 'b', 'c', 'a']);
		small.close();
	});
});
