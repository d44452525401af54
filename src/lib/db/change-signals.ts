export interface ChangeSignalsOptions {
	/** The server's live stream, `…/sync/_stream?collections=…`. */
	url: string;
	/** The replica's fetch: it notices offline and ended sessions for the stream too. */
	fetch: (url: string, init: RequestInit) => Promise<Response>;
	/** The longest a longpoll is held here without a signal before it reads again anyway. */
	waitMs: number;
	/** Delay before the first reconnection; it doubles after each failure up to `maxRetryMs`. */
	retryMs: number;
	maxRetryMs?: number;
}

interface Waiter {
	collection: string;
	wake: () => void;
}

interface Page {
	results?: unknown[];
	last_seq?: unknown;
}

/** Room on top of two of the server's heartbeats before a silent connection counts as dead. */
const STALL_MARGIN_MS = 5_000;
const DEFAULT_MAX_RETRY_MS = 60_000;

/**
 * The device's one live connection to the server (`GET /sync/_stream`), which names the collection
 * of each change in the user's channels. RxDB's CouchDB plugin keeps one longpoll per live
 * collection; the replica's fetch answers each from here instead of holding a connection each:
 * it reads with `feed=normal`, and when nothing is new waits for a signal for that collection
 * (or the heartbeat), then reads once more. Signals are counted, and the count is taken before the
 * read is sent, so a change landing between the read and the wait is not missed. Every collection
 * reads again when the stream (re)connects, since signals sent meanwhile were lost.
 */
export class ChangeSignals {
	private readonly counts = new Map<string, number>();
	/** Bumped when every collection must read again (connection, changed channels). */
	private everything = 0;
	private readonly waiters = new Set<Waiter>();
	private enabled = false;
	private connection: AbortController | undefined;
	private loop: Promise<void> | undefined;
	private endPause: (() => void) | undefined;
	/** A retry was asked for while an attempt was under way: no wait after it fails. */
	private skipPause = false;
	private isConnected = false;

	constructor(private readonly options: ChangeSignalsOptions) {}

	get connected(): boolean {
		return this.isConnected;
	}

	/** Allows the stream; it opens with the first longpoll (only the replicating tab sends one). */
	start(): void {
		this.enabled = true;
	}

	/** Ends a wait before the next connection attempt (the network is back, the person asked). */
	retryNow(): void {
		if (this.endPause) this.endPause();
		else if (!this.isConnected) this.skipPause = true;
	}

	/** Closes the stream and lets every held longpoll answer now. */
	async stop(): Promise<void> {
		this.enabled = false;
		this.connection?.abort();
		this.endPause?.();
		this.wakeAll();
		await this.loop;
	}

	/**
	 * Answers a `_changes?feed=longpoll` request of the plugin through `read`, the network fetch.
	 * An `abort` of the request ends the wait early, like a longpoll the client gives up.
	 */
	async answerLongpoll(
		url: string,
		read: (url: string) => Promise<Response>,
		signal?: AbortSignal | null
	): Promise<Response> {
		const request = new URL(url);
		const collection = collectionOf(request);
		request.searchParams.set('feed', 'normal');
		const seen = this.version(collection);
		if (this.enabled) this.connect();
		const first = await read(request.href);
		if (!this.enabled) return first;
		const page = (await first.clone().json()) as Page;
		if ((page.results?.length ?? 0) > 0 || typeof page.last_seq !== 'string') return first;
		await this.changeAfter(collection, seen, signal);
		if (!this.enabled || signal?.aborted) return first;
		request.searchParams.set('since', page.last_seq);
		return read(request.href);
	}

	private version(collection: string): number {
		return (this.counts.get(collection) ?? 0) + this.everything;
	}

	/** Resolves when `collection` has a signal beyond `seen`, after `waitMs`, at abort or stop. */
	private changeAfter(collection: string, seen: number, signal?: AbortSignal | null) {
		if (this.version(collection) > seen || signal?.aborted) return Promise.resolve();
		return new Promise<void>((resolve) => {
			const waiter: Waiter = { collection, wake: () => finish() };
			const timer = setTimeout(() => finish(), this.options.waitMs);
			const finish = () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', finish);
				this.waiters.delete(waiter);
				resolve();
			};
			signal?.addEventListener('abort', finish);
			this.waiters.add(waiter);
		});
	}

	private signal(collection: string) {
		this.counts.set(collection, (this.counts.get(collection) ?? 0) + 1);
		for (const waiter of [...this.waiters]) if (waiter.collection === collection) waiter.wake();
	}

	private wakeAll() {
		this.everything += 1;
		for (const waiter of [...this.waiters]) waiter.wake();
	}

	private connect() {
		this.loop ??= this.run().finally(() => (this.loop = undefined));
	}

	/** Holds the stream while enabled: reconnects after a drop, backing off while it fails. */
	private async run(): Promise<void> {
		let delay = this.options.retryMs;
		while (this.enabled) {
			const connection = new AbortController();
			this.connection = connection;
			try {
				const response = await this.options.fetch(this.options.url, {
					headers: { accept: 'text/event-stream' },
					signal: connection.signal
				});
				if (!response.body) throw new Error('The stream has no body.');
				await this.consume(response.body, connection, () => (delay = this.options.retryMs));
			} catch {
				// A failed or dropped connection: collections keep reading at each heartbeat meanwhile.
			} finally {
				this.isConnected = false;
				connection.abort();
			}
			if (!this.enabled) break;
			if (this.skipPause) {
				this.skipPause = false;
				continue;
			}
			await new Promise<void>((resolve) => {
				const done = () => {
					clearTimeout(timer);
					this.endPause = undefined;
					resolve();
				};
				const timer = setTimeout(done, delay);
				this.endPause = done;
			});
			delay = Math.min(delay * 2, this.options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS);
		}
	}

	/** Reads the stream's events until it ends, fails, or stays silent beyond its heartbeat. */
	private async consume(
		body: ReadableStream<Uint8Array>,
		connection: AbortController,
		onReady: () => void
	): Promise<void> {
		const reader = body.getReader();
		const decoder = new TextDecoder();
		let watchdog: ReturnType<typeof setTimeout> | undefined;
		let stallMs: number | undefined;
		const arm = () => {
			clearTimeout(watchdog);
			if (stallMs !== undefined) watchdog = setTimeout(() => connection.abort(), stallMs);
		};
		const onAbort = () => void reader.cancel().catch(() => undefined);
		connection.signal.addEventListener('abort', onAbort);
		let buffer = '';
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done || connection.signal.aborted) return;
				arm();
				buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const event = parseEvent(buffer.slice(0, end));
					buffer = buffer.slice(end + 2);
					if (event.type === 'ready') {
						stallMs = 2 * heartbeatOf(event.data) + STALL_MARGIN_MS;
						arm();
						this.isConnected = true;
						this.skipPause = false;
						onReady();
						this.wakeAll();
					} else if (event.type === 'change') this.signal(event.data);
					else if (event.type === 'resync') this.wakeAll();
				}
			}
		} finally {
			clearTimeout(watchdog);
			connection.signal.removeEventListener('abort', onAbort);
		}
	}
}

function collectionOf(url: URL): string {
	const parts = url.pathname.split('/').filter(Boolean);
	return parts.at(-2) ?? '';
}

function parseEvent(block: string): { type: string; data: string } {
	let type = 'message';
	const data: string[] = [];
	for (const line of block.split('\n')) {
		if (line.startsWith(':')) continue;
		const colon = line.indexOf(':');
		const field = colon < 0 ? line : line.slice(0, colon);
		const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
		if (field === 'event') type = value;
		else if (field === 'data') data.push(value);
	}
	return { type, data: data.join('\n') };
}

function heartbeatOf(data: string): number {
	try {
		const value = (JSON.parse(data) as { heartbeatMs?: unknown }).heartbeatMs;
		return typeof value === 'number' && value > 0 ? value : DEFAULT_MAX_RETRY_MS;
	} catch {
		return DEFAULT_MAX_RETRY_MS;
	}
}
