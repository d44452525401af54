import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';
import { CallerCache } from './caller-cache';
import { GroupCommit } from './group-commit';
import { SharedReads } from './doc-lookup';
import { ChangeHubs, type Watch } from './change-hub';
import { SeqTokens } from './seq-token';
import type { ServerContext } from './server-context';
import { endSession, SESSION_COOKIE, startSession } from './sessions';
import type { Store } from './store';
import { handleSync } from './sync-gateway';

const HOUR = 60 * 60 * 1000;

const closing: (() => void)[] = [];

afterEach(() => {
	for (const close of closing.splice(0)) close();
});

function contextOf(store: Store): ServerContext & { hubs: ChangeHubs; shutDown: () => void } {
	const hubs = new ChangeHubs(store);
	const watch: Watch = (name, onChange) => hubs.of(name).watch(onChange);
	const callers = new CallerCache(watch);
	callers.start();
	closing.push(() => {
		callers.close();
		hubs.close();
	});
	const shuttingDown = new AbortController();
	return {
		hubs,
		shutDown: () => shuttingDown.abort(),
		store,
		callers,
		reads: new SharedReads(store, watch),
		writes: new GroupCommit(store),
		now: () => new Date(),
		sessionTtlMs: HOUR,
		tokens: new SeqTokens(new Uint8Array(32)),
		// Short, so the tests see the heartbeat's re-reading of the caller soon.
		maxLongpollMs: 50,
		hub: (name) => hubs.of(name),
		closing: shuttingDown.signal
	};
}

/** member1 of branch br1, living nowhere yet: channels of their own and their branch's. */
async function signIn(store: Store, username = 'member1') {
	await store.db('accounts').put({
		_id: username,
		displayName: username,
		passwordHash: 'unused',
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		roles: [{ role: 'member' }],
		failedLogins: 0
	});
	return (await startSession(store.db('sessions'), username, new Date(), HOUR)).token;
}

interface Opened {
	response: Response;
	events: { type: string; data: string }[];
	comments: number;
	ended: Promise<void>;
	abort: AbortController;
	/** The client reading no more, as a server sees a closed connection. */
	cancel: () => Promise<void>;
}

function open(context: ServerContext, token: string | null, query = ''): Promise<Opened> {
	const abort = new AbortController();
	const request = new Request(`http://app.test/sync/_stream${query}`, {
		headers: token ? { cookie: `${SESSION_COOKIE}=${token}` } : {},
		signal: abort.signal
	});
	return handleSync(context, request).then((response) => {
		const opened: Opened = {
			response,
			events: [],
			comments: 0,
			ended: Promise.resolve(),
			abort,
			cancel: () => Promise.resolve()
		};
		if (response.status === 200 && response.body) {
			const reader = response.body.getReader();
			opened.cancel = () => reader.cancel();
			opened.ended = collect(reader, opened);
		}
		return opened;
	});
}

async function collect(
	reader: ReadableStreamDefaultReader<Uint8Array>,
	into: Opened
): Promise<void> {
	const decoder = new TextDecoder();
	let buffer = '';
	for (;;) {
		const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
		if (done || !value) return;
		buffer += decoder.decode(value, { stream: true });
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			if (block.startsWith(':')) into.comments += 1;
			else {
				const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
				into.events.push({ type, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
			}
		}
	}
}

const listening = (context: ReturnType<typeof contextOf>) => context.hubs.listening;

describe('the live stream', { timeout: STORE_TIMEOUT_MS }, () => {
	const store = useTempStore('change-stream');

	it('names the collection of each change in the caller’s channels, and nothing else', async () => {
		const context = contextOf(store());
		const stream = await open(context, await signIn(store()), '?collections=reports,notices');
		expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
		await vi.waitFor(() => expect(stream.events[0]?.type).toBe('ready'));
		expect(JSON.parse(stream.events[0]?.data ?? '')).toEqual({ heartbeatMs: 50 });

		await store()
			.db('reports')
			.put({ _id: 'hidden', channels: ['user:member2'] });
		await store()
			.db('reviews')
			.put({ _id: 'unasked', channels: ['user:member1'] });
		await store()
			.db('notices')
			.put({ _id: 'n1', channels: ['user:member1'] });
		await vi.waitFor(() => expect(stream.events.map((e) => e.type)).toContain('change'));
		await store()
			.db('reports')
			.put({ _id: 'r1', channels: ['user:member1'] });
		await vi.waitFor(() =>
			expect(stream.events.filter((e) => e.type === 'change')).toHaveLength(2)
		);
		expect(stream.events.filter((e) => e.type === 'change').map((e) => e.data)).toEqual([
			'notices',
			'reports'
		]);
		await vi.waitFor(() => expect(stream.comments).toBeGreaterThan(0));
		stream.abort.abort();
		await stream.ended;
	});

	it('sends fewer events than changes for a burst of changes', async () => {
		const context = contextOf(store());
		const stream = await open(context, await signIn(store()), '?collections=reports');
		await vi.waitFor(() => expect(stream.events).toHaveLength(1));
		let seen = 0;
		const counting = context.hub('reports').subscribe(new Set(['user:member1']), () => (seen += 1));
		const burst = Array.from({ length: 20 }, (_, i) => ({
			_id: `r${i}`,
			channels: ['user:member1']
		}));
		await store().db('reports').bulkDocs(burst);
		await vi.waitFor(() => expect(seen).toBe(20));
		counting.unsubscribe();
		// A change after the burst: its event comes after all of the burst's.
		await store()
			.db('reports')
			.put({ _id: 'after', channels: ['user:member1'] });
		await vi.waitFor(() => expect(stream.events.length).toBeGreaterThan(2));
		const forBurst = stream.events.length - 2;
		expect(forBurst).toBeLessThan(burst.length);
		stream.abort.abort();
		await stream.ended;
	});

	it('follows the caller’s new channels and says to read everything', async () => {
		const context = contextOf(store());
		const stream = await open(context, await signIn(store()), '?collections=reports');
		await vi.waitFor(() => expect(stream.events).toHaveLength(1));
		const accounts = store().db('accounts');
		const account = await accounts.get('member1');
		await accounts.put({
			...account,
			roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]
		});
		await vi.waitFor(() => expect(stream.events.map((e) => e.type)).toContain('resync'));
		await store()
			.db('reports')
			.put({ _id: 'r1', channels: ['branch:br1'] });
		await vi.waitFor(() =>
			expect(stream.events.at(-1)).toEqual({ type: 'change', data: 'reports' })
		);
		stream.abort.abort();
		await stream.ended;
	});

	it('ends when the session ends, letting go of its subscriptions', async () => {
		const context = contextOf(store());
		const token = await signIn(store());
		const stream = await open(context, token);
		await vi.waitFor(() => expect(stream.events).toHaveLength(1));
		expect(listening(context)).toBeGreaterThan(0);
		await endSession(store().db('sessions'), token);
		await stream.ended;
		expect(listening(context)).toBe(0);
	});

	it('lets go of its subscriptions when the client goes away', async () => {
		const context = contextOf(store());
		const token = await signIn(store());
		const cancelled = await open(context, token);
		const aborted = await open(context, token);
		await vi.waitFor(() => expect(listening(context)).toBeGreaterThan(0));
		await cancelled.cancel();
		aborted.abort.abort();
		await vi.waitFor(() => expect(listening(context)).toBe(0));
	});

	it('ends when the process shuts down, and refuses new ones then', async () => {
		const context = contextOf(store());
		const token = await signIn(store());
		const stream = await open(context, token);
		await vi.waitFor(() => expect(listening(context)).toBeGreaterThan(0));
		context.shutDown();
		await stream.ended;
		expect(listening(context)).toBe(0);
		expect((await open(context, token)).response.status).toBe(503);
	});

	it('refuses the signed out, other methods and unknown collections', async () => {
		const context = contextOf(store());
		expect((await open(context, null)).response.status).toBe(401);
		const token = await signIn(store());
		expect((await open(context, token, '?collections=reports,nope')).response.status).toBe(400);
		const post = await handleSync(
			context,
			new Request('http://app.test/sync/_stream', {
				method: 'POST',
				headers: { cookie: `${SESSION_COOKIE}=${token}` }
			})
		);
		expect(post.status).toBe(405);
		expect(listening(context)).toBe(0);
	});
});
