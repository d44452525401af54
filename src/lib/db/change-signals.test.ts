import { describe, expect, it, vi } from 'vitest';
import { ChangeSignals } from './change-signals';

const origin = 'http://app.test';
const longpoll = (collection: string, since = 'tok-1') =>
	`${origin}/sync/${collection}/_changes?style=all_docs&feed=longpoll&since=${since}&limit=10`;

interface Stream {
	controller: ReadableStreamDefaultController<Uint8Array>;
	signal: AbortSignal;
}

/** The server as the device sees it: the live stream, and `_changes` reads answered on demand. */
class FakeServer {
	readonly streams: Stream[] = [];
	readonly reads: URL[] = [];
	refusals = 0;
	/** Rows the next read of a collection returns; then empty again. */
	private readonly waiting = new Map<string, number>();
	private seq = 0;

	readonly fetch = (url: string, init: RequestInit): Promise<Response> => {
		if (!url.includes('/sync/_stream')) throw new Error(`Unexpected ${url}`);
		if (this.refusals > 0) {
			this.refusals -= 1;
			return Promise.reject(new TypeError('fetch failed'));
		}
		const signal = init.signal ?? new AbortController().signal;
		let controller!: ReadableStreamDefaultController<Uint8Array>;
		const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
		signal.addEventListener('abort', () => controller.error(new Error('aborted')));
		this.streams.push({ controller, signal });
		return Promise.resolve(new Response(body));
	};

	readonly read = (url: string): Promise<Response> => {
		const parsed = new URL(url);
		this.reads.push(parsed);
		const collection = parsed.pathname.split('/')[2] ?? '';
		const rows = this.waiting.get(collection) ?? 0;
		this.waiting.delete(collection);
		const results = Array.from({ length: rows }, (_, i) => ({ id: `d${i}` }));
		return Promise.resolve(
			new Response(JSON.stringify({ results, last_seq: `tok-${++this.seq}` }))
		);
	};

	write(collection: string, rows = 1) {
		this.waiting.set(collection, (this.waiting.get(collection) ?? 0) + rows);
	}

	send(text: string) {
		this.streams.at(-1)?.controller.enqueue(new TextEncoder().encode(text));
	}

	ready() {
		this.send('event: ready\ndata: {"heartbeatMs":25000}\n\n');
	}

	change(collection: string) {
		this.send(`event: change\ndata: ${collection}\n\n`);
	}

	readsOf(collection: string) {
		return this.reads.filter((url) => url.pathname.includes(`/${collection}/`));
	}
}

async function rowsOf(response: Promise<Response>): Promise<number> {
	return ((await (await response).json()) as { results: unknown[] }).results.length;
}

function setUp(waitMs = 60_000) {
	const server = new FakeServer();
	const signals = new ChangeSignals({
		url: `${origin}/sync/_stream?collections=reports,reviews`,
		fetch: server.fetch,
		waitMs,
		retryMs: 1
	});
	signals.start();
	return { server, signals };
}

describe('ChangeSignals', () => {
	it('answers a longpoll at once from a normal read when there is something new', async () => {
		const { server, signals } = setUp();
		server.write('reports', 2);
		expect(await rowsOf(signals.answerLongpoll(longpoll('reports'), server.read))).toBe(2);
		expect(server.reads.map((url) => url.searchParams.get('feed'))).toEqual(['normal']);
		await signals.stop();
	});

	it('waits for a signal for its own collection, then reads again', async () => {
		const { server, signals } = setUp();
		const answer = signals.answerLongpoll(longpoll('reports'), server.read);
		await vi.waitFor(() => expect(server.streams).toHaveLength(1));
		server.ready();
		// The connection itself makes every collection read again.
		await vi.waitFor(() => expect(server.readsOf('reports')).toHaveLength(2));
		let answered = false;
		void answer.then(() => (answered = true));
		const reportsPending = signals.answerLongpoll(longpoll('reports', 'tok-2'), server.read);
		await vi.waitFor(() => expect(server.readsOf('reports')).toHaveLength(3));

		server.write('reports');
		server.change('reviews');
		server.send(': heartbeat\n\n');
		const reviewsWait = signals.answerLongpoll(longpoll('reviews'), server.read);
		await vi.waitFor(() => expect(server.readsOf('reviews')).toHaveLength(1));
		expect(server.readsOf('reports')).toHaveLength(3);

		server.change('reports');
		expect(await rowsOf(reportsPending)).toBe(1);
		expect(answered).toBe(true);
		await signals.stop();
		expect(await rowsOf(reviewsWait)).toBe(0);
	});

	it('reads on from the last_seq of the empty page', async () => {
		const { server, signals } = setUp();
		const answer = signals.answerLongpoll(longpoll('reviews', 'tok-0'), server.read);
		await vi.waitFor(() => expect(server.streams).toHaveLength(1));
		await vi.waitFor(() => expect(server.readsOf('reviews')).toHaveLength(1));
		server.write('reviews');
		server.ready();
		expect(await rowsOf(answer)).toBe(1);
		const [first, second] = server.readsOf('reviews');
		expect(first?.searchParams.get('since')).toBe('tok-0');
		expect(second?.searchParams.get('since')).toBe('tok-1');
		await signals.stop();
	});

	it('does not miss a signal that arrives while the read is on its way', async () => {
		const { server, signals } = setUp();
		let release = () => undefined as void;
		let sent = false;
		// The first read is answered as of when it was sent, and delivered when released.
		const slowRead = (url: string) => {
			if (sent) return server.read(url);
			sent = true;
			const response = server.read(url);
			return new Promise<Response>((resolve) => (release = () => resolve(response)));
		};
		const answer = signals.answerLongpoll(longpoll('reports'), slowRead);
		await vi.waitFor(() => expect(server.streams).toHaveLength(1));
		await vi.waitFor(() => expect(sent).toBe(true));
		// The connection's signal (every collection) comes while the read is out; then a change.
		server.ready();
		await vi.waitFor(() => expect(signals.connected).toBe(true));
		server.write('reports');
		release();
		expect(await rowsOf(answer)).toBe(1);
		await signals.stop();
	});

	it('reconnects after a failure or a drop, and every collection reads again', async () => {
		const { server, signals } = setUp();
		server.refusals = 2;
		const answer = signals.answerLongpoll(longpoll('reviews'), server.read);
		await vi.waitFor(() => expect(server.streams).toHaveLength(1));
		server.ready();
		await vi.waitFor(() => expect(server.readsOf('reviews')).toHaveLength(2));
		await answer;

		const waiting = signals.answerLongpoll(longpoll('reviews', 'tok-2'), server.read);
		await vi.waitFor(() => expect(server.readsOf('reviews')).toHaveLength(3));
		server.write('reviews');
		server.streams[0]?.controller.close();
		await vi.waitFor(() => expect(server.streams).toHaveLength(2));
		expect(signals.connected).toBe(false);
		server.ready();
		expect(await rowsOf(waiting)).toBe(1);
		await signals.stop();
	});

	it('tries again at once when asked, instead of waiting out its backoff', async () => {
		const server = new FakeServer();
		const signals = new ChangeSignals({
			url: `${origin}/sync/_stream`,
			fetch: server.fetch,
			waitMs: 60_000,
			retryMs: 600_000
		});
		signals.start();
		server.refusals = 1;
		const answer = signals.answerLongpoll(longpoll('reports'), server.read);
		await vi.waitFor(() => expect(server.readsOf('reports')).toHaveLength(1));
		signals.retryNow();
		await vi.waitFor(() => expect(server.streams).toHaveLength(1));
		server.ready();
		expect(await rowsOf(answer)).toBe(0);
		expect(server.readsOf('reports')).toHaveLength(2);
		await signals.stop();
	});

	it('answers after the wait with a read of its own while the stream is away', async () => {
		const { server, signals } = setUp(5);
		server.refusals = Number.POSITIVE_INFINITY;
		const answer = signals.answerLongpoll(longpoll('reports'), server.read);
		await vi.waitFor(() => expect(server.readsOf('reports')).toHaveLength(1));
		server.write('reports');
		expect(await rowsOf(answer)).toBe(1);
		await signals.stop();
	});

	it('closes the stream and lets held longpolls answer when stopped', async () => {
		const { server, signals } = setUp();
		const answer = signals.answerLongpoll(longpoll('reports'), server.read);
		await vi.waitFor(() => expect(server.streams).toHaveLength(1));
		server.ready();
		await vi.waitFor(() => expect(server.readsOf('reports')).toHaveLength(2));
		await answer;
		const held = signals.answerLongpoll(longpoll('reports', 'tok-2'), server.read);
		await vi.waitFor(() => expect(server.readsOf('reports')).toHaveLength(3));
		await signals.stop();
		expect(await rowsOf(held)).toBe(0);
		expect(server.streams[0]?.signal.aborted).toBe(true);
		expect(server.readsOf('reports')).toHaveLength(3);
		expect(server.streams).toHaveLength(1);
	});

	it('lets an aborted longpoll answer at once', async () => {
		const { server, signals } = setUp();
		const abort = new AbortController();
		const answer = signals.answerLongpoll(longpoll('reports'), server.read, abort.signal);
		await vi.waitFor(() => expect(server.readsOf('reports')).toHaveLength(1));
		abort.abort();
		expect(await rowsOf(answer)).toBe(0);
		expect(server.readsOf('reports')).toHaveLength(1);
		await signals.stop();
	});
});
