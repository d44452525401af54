import { collectionNames, isCollectionName, type CollectionName } from '../domain/registry';
import { authenticate, type Caller } from './authentication';
import type { HubSubscription } from './change-hub';
import { HttpError } from './http-json';
import type { ServerContext } from './server-context';

/** The path of the live stream; the response compression skips it by this name. */
export const CHANGE_STREAM_PATH = '/sync/_stream';

/**
 * `GET /sync/_stream[?collections=a,b][&heartbeat=ms]`: a device's one live connection, in
 * `text/event-stream` framing. It names the collection of every change in the caller's channels
 * (`event: change`, `data: <collection>`) and nothing else — not the document, so it says no more
 * than a `_changes` read would. A comment line comes every heartbeat (at most the longpoll hold
 * time, under common proxy timeouts); with it the caller is read again: an ended session closes
 * the stream, changed channels follow the new set and send `event: resync` (read everything).
 * The first event, `ready`, gives the heartbeat, so the device can tell a dead connection.
 * The process shutting down ends every stream and answers new ones 503.
 */
export function openChangeStream(
	context: ServerContext,
	caller: Caller,
	request: Request
): Response {
	// The device tries again later, by then on a process that is not shutting down.
	if (context.closing.aborted) {
		throw new HttpError(503, 'unavailable', 'The server is shutting down.');
	}
	const params = new URL(request.url).searchParams;
	const collections = streamedCollections(params.get('collections'));
	const heartbeatMs = heartbeatOf(params.get('heartbeat'), context.maxLongpollMs);
	const encoder = new TextEncoder();
	let channels = channelKey(caller.channels);
	let subscriptions: HubSubscription[] = [];
	let heartbeat: ReturnType<typeof setInterval> | undefined;
	let ended = false;
	let stream!: ReadableStreamDefaultController<Uint8Array>;
	// A burst of writes (a pushed batch) becomes one event per collection.
	const pending = new Set<CollectionName>();
	let flushing: ReturnType<typeof setTimeout> | undefined;

	const send = (text: string) => {
		if (!ended) stream.enqueue(encoder.encode(text));
	};
	const flush = () => {
		flushing = undefined;
		for (const name of pending) send(`event: change\ndata: ${name}\n\n`);
		pending.clear();
	};
	const onChange = (name: CollectionName) => () => {
		pending.add(name);
		flushing ??= setTimeout(flush, 0);
	};
	/** The client went away or the stream is done: no subscription, timer or listener stays. */
	const cleanUp = () => {
		if (ended) return;
		ended = true;
		clearInterval(heartbeat);
		clearTimeout(flushing);
		request.signal.removeEventListener('abort', end);
		context.closing.removeEventListener('abort', end);
		for (const subscription of subscriptions) subscription.unsubscribe();
		subscriptions = [];
	};
	function end() {
		if (ended) return;
		cleanUp();
		stream.close();
	}
	const recheckCaller = async () => {
		const now = await authenticate(context, request);
		if (ended) return;
		if (!now) return end();
		const next = new Set(now.channels);
		for (const subscription of subscriptions) subscription.update(next);
		const key = channelKey(now.channels);
		if (key === channels) return;
		channels = key;
		send('event: resync\ndata: all\n\n');
	};

	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			stream = controller;
			const set = new Set(caller.channels);
			subscriptions = collections.map((name) => context.hub(name).subscribe(set, onChange(name)));
			request.signal.addEventListener('abort', end);
			// Ended, not held, when the process shuts down: the server waits for every open response.
			context.closing.addEventListener('abort', end);
			send(`event: ready\ndata: ${JSON.stringify({ heartbeatMs })}\n\n`);
			heartbeat = setInterval(() => {
				send(': heartbeat\n\n');
				recheckCaller().catch(end);
			}, heartbeatMs);
		},
		cancel: cleanUp
	});

	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store, no-transform',
			// nginx and the like would otherwise hold the events back in their buffers.
			'x-accel-buffering': 'no'
		}
	});
}

function channelKey(channels: readonly string[]): string {
	return [...channels].sort().join('\n');
}

function streamedCollections(raw: string | null): CollectionName[] {
	if (raw === null) return [...collectionNames];
	const names = raw.split(',').filter(Boolean);
	if (names.length === 0 || !names.every(isCollectionName)) {
		throw new HttpError(400, 'bad_request', 'collections must name collections of the registry.');
	}
	return [...new Set(names)];
}

function heartbeatOf(raw: string | null, maxMs: number): number {
	if (raw === null) return maxMs;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw new HttpError(400, 'bad_request', 'heartbeat must be a positive whole number.');
	}
	return Math.min(value, maxMs);
}
