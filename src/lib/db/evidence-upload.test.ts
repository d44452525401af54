import { BehaviorSubject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entryKey, type OutboxEntry } from './evidence-outbox';
import { EvidenceUploads, type Outbox } from './evidence-upload';
import { initialSyncStatus } from './sync-status';

class MemoryOutbox implements Outbox {
	readonly kept = new Map<string, OutboxEntry>();
	failNextPut = false;
	entries() {
		return Promise.resolve([...this.kept.values()]);
	}
	put(entry: OutboxEntry) {
		if (this.failNextPut) {
			this.failNextPut = false;
			return Promise.reject(new Error('The disk is full.'));
		}
		this.kept.set(entryKey(entry), entry);
		return Promise.resolve();
	}
	remove(entry: OutboxEntry) {
		this.kept.delete(entryKey(entry));
		return Promise.resolve();
	}
}

const entry = (hash: string): OutboxEntry => ({
	hash,
	blob: new Blob(['photo'], { type: 'image/jpeg' }),
	type: 'image/jpeg',
	collection: 'attendance',
	docId: 'cl.it1.m001',
	tries: 0,
	nextAt: 0,
	failed: null,
	lastError: null
});

interface Timer {
	run: () => void;
	ms: number;
}

function uploader(outbox: Outbox, fetch: typeof globalThis.fetch, uploadTimeoutMs?: number) {
	const timers: Timer[] = [];
	const uploads = new EvidenceUploads({
		serverUrl: 'http://app.test',
		outbox,
		status$: new BehaviorSubject(initialSyncStatus),
		fetch,
		now: () => 1_000,
		schedule: (run, ms) => {
			const timer = { run, ms };
			timers.push(timer);
			return () => timers.splice(timers.indexOf(timer), 1);
		},
		...(uploadTimeoutMs ? { uploadTimeoutMs } : {})
	});
	return { uploads, timers };
}

const stored = () => Promise.resolve(new Response(null, { status: 201 }));

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('the evidence uploader', () => {
	it('sets no timer while offline: the online event brings the next pass, not a spinning one', async () => {
		vi.stubGlobal('navigator', { onLine: false });
		const outbox = new MemoryOutbox();
		const fetch = vi.fn(stored);
		const { uploads, timers } = uploader(outbox, fetch);
		await uploads.add(entry('a'.repeat(64)));
		expect(fetch).not.toHaveBeenCalled();
		expect(timers).toEqual([]);

		vi.stubGlobal('navigator', { onLine: true });
		await uploads.kick(true);
		expect(fetch).toHaveBeenCalledTimes(1);
		expect(outbox.kept.size).toBe(0);
	});

	it('a pass that fails keeps the kicks that came during it, and tries again later', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const outbox = new MemoryOutbox();
		let answer: (response: Response) => void = () => undefined;
		const fetch = vi.fn(
			() =>
				new Promise<Response>((resolve) => {
					answer = resolve;
				})
		);
		const { uploads } = uploader(outbox, fetch);
		outbox.kept.set(entryKey(entry('b'.repeat(64))), entry('b'.repeat(64)));
		const first = uploads.kick();
		await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
		// The server is not reached; recording that fails.
		outbox.failNextPut = true;
		const during = uploads.kick(true);
		answer(new Response(null, { status: 503 }));
		await first;
		expect(console.error).toHaveBeenCalled();

		// The kick that came meanwhile gets its pass: the file goes up.
		await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
		answer(new Response(null, { status: 201 }));
		await during;
		expect(outbox.kept.size).toBe(0);
	});

	it('after a pass that fails, tries again after the first retry wait', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const outbox = new MemoryOutbox();
		const { uploads, timers } = uploader(
			outbox,
			vi.fn(() => Promise.resolve(new Response(null, { status: 503 })))
		);
		outbox.kept.set(entryKey(entry('d'.repeat(64))), entry('d'.repeat(64)));
		outbox.failNextPut = true;
		await uploads.kick();
		expect(timers.map((timer) => timer.ms)).toEqual([5_000]);
	});

	it('gives up an upload that gets no answer, and tries it again later', async () => {
		const outbox = new MemoryOutbox();
		const fetch = vi.fn(
			(_url: string | URL | Request, init?: RequestInit) =>
				new Promise<Response>((_resolve, reject) => {
					init?.signal?.addEventListener('abort', () => reject(new Error('Timed out.')));
				})
		);
		const { uploads, timers } = uploader(outbox, fetch, 20);
		await uploads.add(entry('c'.repeat(64)));
		expect(fetch).toHaveBeenCalledTimes(1);
		const [waiting] = outbox.kept.values();
		expect(waiting).toMatchObject({ tries: 1, lastError: 'offline' });
		expect(timers.map((timer) => timer.ms)).toEqual([5_000]);
	});
});
