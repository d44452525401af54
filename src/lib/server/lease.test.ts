import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';
import { Lease } from './lease';

describe('Lease', () => {
	const store = useTempStore('lease');
	const lease = (holder: string) => new Lease(store().db('config'), 'work-lease', holder, 1_000);

	afterEach(() => {
		vi.useRealTimers();
	});

	it(
		'goes to one holder, who renews it; the other gets it once it has expired',
		async () => {
			vi.useFakeTimers({ toFake: ['Date'] });
			const a = lease('a');
			const b = lease('b');
			expect(await a.claim()).toBe(true);
			expect(await b.claim()).toBe(false);
			vi.advanceTimersByTime(900);
			expect(await a.claim()).toBe(true);
			vi.advanceTimersByTime(900);
			// Renewed 900 ms ago: still a's.
			expect(await b.claim()).toBe(false);
			expect(a.held).toBe(true);
			vi.advanceTimersByTime(200);
			expect(a.held).toBe(false);
			expect(await b.claim()).toBe(true);
			// The former holder finds it taken.
			expect(await a.claim()).toBe(false);
		},
		STORE_TIMEOUT_MS
	);

	it(
		'lets only one of two claims over the same revision win',
		async () => {
			const results = await Promise.all([lease('a').claim(), lease('b').claim()]);
			expect(results.filter(Boolean)).toHaveLength(1);
		},
		STORE_TIMEOUT_MS
	);

	it(
		'is free at once when its holder gives it up',
		async () => {
			const a = lease('a');
			expect(await a.claim()).toBe(true);
			await a.release();
			expect(a.held).toBe(false);
			expect(await lease('b').claim()).toBe(true);
		},
		STORE_TIMEOUT_MS
	);
});
