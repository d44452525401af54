import { describe, expect, it } from 'vitest';
import { afterAttempt, isDue, nextDueAt, retryDelayMs } from './evidence-attempts';
import type { OutboxEntry } from './evidence-outbox';

const NOW = 1_000_000;

function entry(fields: Partial<OutboxEntry> = {}): OutboxEntry {
	return {
		hash: 'a'.repeat(64),
		blob: new Blob(['x']),
		type: 'image/jpeg',
		collection: 'attendance',
		docId: 'cl.it-1.m001',
		tries: 0,
		nextAt: 0,
		failed: null,
		lastError: null,
		...fields
	};
}

describe('what an upload answer means for a waiting file', () => {
	it('forgets a file the server has, stored now or before', () => {
		expect(afterAttempt(entry(), { status: 201 }, NOW)).toEqual({ remove: true });
		expect(afterAttempt(entry(), { status: 200 }, NOW)).toEqual({ remove: true });
	});

	it('tries again later while the citing document has not reached the server', () => {
		const first = afterAttempt(entry(), { status: 404 }, NOW);
		expect(first).toMatchObject({
			remove: false,
			entry: { tries: 1, nextAt: NOW + 5_000, lastError: 'not-yet', failed: null }
		});
		const again = afterAttempt(entry({ tries: 3 }), { status: 404 }, NOW);
		expect(again).toMatchObject({ entry: { tries: 4, nextAt: NOW + 40_000 } });
	});

	it('waits offline or on a server error the same way, and as told when limited', () => {
		expect(afterAttempt(entry(), null, NOW)).toMatchObject({
			entry: { tries: 1, nextAt: NOW + 5_000, lastError: 'offline' }
		});
		expect(afterAttempt(entry(), { status: 503 }, NOW)).toMatchObject({
			entry: { lastError: 'server' }
		});
		expect(afterAttempt(entry(), { status: 429, retryAfterSeconds: 30 }, NOW)).toMatchObject({
			entry: { nextAt: NOW + 30_000 }
		});
	});

	it('marks a file the server refuses for good, and says why', () => {
		expect(afterAttempt(entry(), { status: 413 }, NOW)).toMatchObject({
			entry: { failed: 'too-large' }
		});
		expect(afterAttempt(entry(), { status: 415 }, NOW)).toMatchObject({
			entry: { failed: 'unsupported' }
		});
		expect(afterAttempt(entry(), { status: 400 }, NOW)).toMatchObject({
			entry: { failed: 'mismatch' }
		});
	});

	it('counts no try while signed out', () => {
		expect(afterAttempt(entry({ tries: 2, nextAt: 7 }), { status: 401 }, NOW)).toMatchObject({
			entry: { tries: 2, nextAt: 7, failed: null, lastError: 'signed-out' }
		});
	});
});

describe('when a waiting file is tried', () => {
	it('backs off up to ten minutes', () => {
		expect([1, 2, 3, 20].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 600_000]);
	});

	it('is due once its wait is over, never when refused', () => {
		expect(isDue(entry({ nextAt: NOW }), NOW)).toBe(true);
		expect(isDue(entry({ nextAt: NOW + 1 }), NOW)).toBe(false);
		expect(isDue(entry({ failed: 'too-large' }), NOW)).toBe(false);
		// Waiting for the network or the document: a sync round or reconnecting ends the wait.
		expect(isDue(entry({ nextAt: NOW + 60_000, lastError: 'offline' }), NOW, true)).toBe(true);
		expect(isDue(entry({ nextAt: NOW + 60_000, lastError: 'not-yet' }), NOW, true)).toBe(true);
		expect(isDue(entry({ nextAt: NOW + 60_000, lastError: 'server' }), NOW, true)).toBe(false);
		expect(isDue(entry({ nextAt: NOW + 60_000, lastError: 'not-yet' }), NOW)).toBe(false);
		expect(isDue(entry({ failed: 'too-large', lastError: 'too-large' }), NOW, true)).toBe(false);
		expect(nextDueAt([entry({ nextAt: 9 }), entry({ nextAt: 5, failed: 'mismatch' })])).toBe(9);
		expect(nextDueAt([entry({ failed: 'mismatch' })])).toBeNull();
	});
});
