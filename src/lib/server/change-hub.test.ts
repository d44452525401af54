import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeHub } from './change-hub';
import type { Database } from './store';

/** A changes feed the test drives: it emits what the store would, and is lost on demand. */
class FakeFeed extends EventEmitter {
	cancelled = false;
	cancel() {
		this.cancelled = true;
	}
	change(id: string, seq: string, channels: string[] = ['branch:br1']) {
		this.emit('change', { id, seq, changes: [], doc: { _id: id, channels } });
	}
	lose() {
		this.emit('error', new Error('socket hang up'));
	}
}

/** A database whose `changes` hands out fake feeds and records where each was asked to begin. */
function fakeDb(updateSeq = '3-start') {
	const feeds: { since: unknown; feed: FakeFeed }[] = [];
	const db = {
		changes(options: { since: unknown }) {
			const feed = new FakeFeed();
			feeds.push({ since: options.since, feed });
			return feed;
		},
		info: () => Promise.resolve({ update_seq: updateSeq })
	};
	const latest = () => {
		const last = feeds.at(-1);
		if (!last) throw new Error('No feed was started.');
		return last.feed;
	};
	return { db: db as unknown as Database, feeds, latest };
}

const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A feed is lost when the store goes away under it — a CouchDB node killed behind the load
 * balancer. What changed meanwhile must still reach the longpolls and live streams.
 */
describe('a change hub whose feed is lost', () => {
	let hub: ChangeHub | undefined;

	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
	});
	afterEach(() => {
		hub?.close();
		vi.useRealTimers();
	});

	it('follows again from the last change it saw, not from now', () => {
		const store = fakeDb();
		hub = new ChangeHub(store.db);
		hub.watch(() => undefined);
		store.latest().change('a', '7-after-a');
		store.latest().lose();
		vi.advanceTimersByTime(1_000);
		expect(store.feeds.map((f) => f.since)).toEqual(['now', '7-after-a']);
	});

	it('before any change, follows again from where the store stood when it began', async () => {
		const store = fakeDb('3-start');
		hub = new ChangeHub(store.db);
		hub.watch(() => undefined);
		await settled();
		store.latest().lose();
		vi.advanceTimersByTime(1_000);
		expect(store.feeds.map((f) => f.since)).toEqual(['now', '3-start']);
	});

	it('wakes the longpolls waiting on it, which then read their feeds again', async () => {
		const store = fakeDb();
		hub = new ChangeHub(store.db);
		const { woken } = hub.wait(new Set(['branch:br1']), 60_000);
		store.latest().lose();
		expect(await Promise.race([woken, Promise.resolve('still waiting')])).toBe(true);
	});

	it('tells the live streams, and follows again for them alone', () => {
		const store = fakeDb();
		hub = new ChangeHub(store.db);
		const told: string[] = [];
		hub.subscribe(new Set(['branch:br1']), () => told.push('changed'));
		store.latest().lose();
		expect(told).toEqual(['changed']);
		vi.advanceTimersByTime(1_000);
		expect(store.feeds).toHaveLength(2);
		store.latest().change('b', '8-after-b');
		expect(told).toEqual(['changed', 'changed']);
	});
});
