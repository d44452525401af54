import { collectionNames, isCollectionName, type CollectionName } from '../domain/registry';
import { authenticate, type Caller } from './authentication';
import { bulkDocs } from './bulk-docs';
import { openChangeStream } from './change-stream';
import { initialPosition, readChanges } from './changes-reader';
import { loadDepartures } from './departures';
import { allDocsRow, lookupDocs } from './doc-lookup';
import { HttpError, errorResponse, json, readJson } from './http-json';
import { takeRejectedVersions } from './rejections';
import type { FeedPosition } from './seq-token';
import type { ServerContext } from './server-context';
import { MAX_LIMIT, badRequest, intParam, parseKeys, parsePush } from './sync-params';

/**
 * `/sync/…`: the part of the CouchDB replication protocol RxDB's CouchDB plugin speaks, filtered by
 * the caller's channels.
 */
export async function handleSync(context: ServerContext, request: Request): Promise<Response> {
	try {
		const caller = await authenticate(context, request);
		if (!caller) throw new HttpError(401, 'unauthorized', 'Sign in to sync.');
		// The first segment is `sync` itself (baodao-server.ts routes only `/sync` and `/sync/…` here).
		const [, name, endpoint, ...rest] = new URL(request.url).pathname.split('/').filter(Boolean);
		if (name === undefined) {
			allow(request, ['GET']);
			return json(collectionNames);
		}
		if (name === '_stream' && endpoint === undefined) {
			allow(request, ['GET']);
			return openChangeStream(context, caller, request);
		}
		if (!isCollectionName(name) || rest.length > 0) throw notFound();
		switch (endpoint) {
			case '_changes':
				allow(request, ['GET']);
				return json(await changes(context, caller, name, request));
			case '_all_docs':
				allow(request, ['GET', 'POST']);
				return json(await allDocs(context, caller, name, request));
			case '_bulk_docs':
				allow(request, ['POST']);
				return json(await pushDocs(context, caller, name, request), 201);
			default:
				throw notFound();
		}
	} catch (error) {
		if (error instanceof HttpError) return errorResponse(error);
		throw error;
	}
}

function notFound() {
	return new HttpError(404, 'not_found', 'No such path.');
}

function allow(request: Request, methods: string[]) {
	if (!methods.includes(request.method)) {
		throw new HttpError(405, 'method_not_allowed', `Use ${methods.join(' or ')}.`);
	}
}

async function changes(
	context: ServerContext,
	caller: Caller,
	collection: CollectionName,
	request: Request
) {
	const params = new URL(request.url).searchParams;
	const feed = params.get('feed') ?? 'normal';
	if (feed !== 'normal' && feed !== 'longpoll')
		throw badRequest('feed must be normal or longpoll.');
	const limit = Math.max(1, intParam(params, 'limit', MAX_LIMIT, MAX_LIMIT));
	const heartbeat = intParam(params, 'heartbeat', context.maxLongpollMs, context.maxLongpollMs);
	const db = context.store.db(collection);

	const since = params.get('since') ?? '0';
	let position: FeedPosition;
	if (since === '0') position = initialPosition(caller.channels, (await db.info()).update_seq);
	else if (since === 'now') position = { seq: (await db.info()).update_seq };
	else {
		const decoded = context.tokens.decode(collection, since);
		if (!decoded) throw badRequest('since is not a sequence this server issued.');
		position = decoded;
	}

	// Register before reading, so a change between the read and the wait still wakes this request.
	// A shutting-down process holds no longpoll: it would keep the server from closing.
	const waiting =
		feed === 'longpoll'
			? context
					.hub(collection)
					.wait(new Set(caller.channels), Math.max(heartbeat, 1), [request.signal, context.closing])
			: undefined;
	const departures = (ids: string[]) => loadDepartures(context.store, collection, ids);
	const read = (from: FeedPosition) =>
		readChanges(
			db,
			context.store.channelIndex.reader(collection),
			caller.channels,
			from,
			limit,
			departures
		);
	let page = await read(position).catch(async (error: unknown) => {
		// A position this gateway signed but the store refuses: one of another store (the embedded
		// store's integer sequences on CouchDB after a move). Read again from the start; what the
		// device has comes twice, which replication absorbs.
		if ((error as { status?: number }).status !== 400) throw error;
		return read(initialPosition(caller.channels, (await db.info()).update_seq));
	});
	if (waiting && page.rows.length === 0 && (await waiting.woken)) page = await read(page.position);
	waiting?.cancel();
	const lastSeq = context.tokens.encode(collection, page.position);
	return {
		results: page.rows.map((row) => ({ seq: lastSeq, ...row })),
		last_seq: lastSeq,
		pending: 0
	};
}

async function allDocs(
	context: ServerContext,
	caller: Caller,
	collection: CollectionName,
	request: Request
) {
	let keys: string[];
	if (request.method === 'POST') {
		const body = await readJson(request);
		keys = parseKeys((body as { keys?: unknown } | null)?.keys);
	} else {
		const raw = new URL(request.url).searchParams.get('keys');
		if (raw === null) throw badRequest('keys is required.');
		let parsed: unknown;
		try {
			parsed = JSON.parse(raw);
		} catch {
			throw badRequest('keys must be a JSON array of strings.');
		}
		keys = parseKeys(parsed);
	}
	const found = await lookupDocs(context.store, collection, keys, new Set(caller.channels));
	// After a refused push RxDB reads refused ids back with GET: give it the pushed content, deleted,
	// so the device reverts (principle 6). The pre-push check (POST) sees such ids as absent.
	const absent = keys.filter((_, index) => !found[index]?.doc);
	const stashed =
		request.method === 'GET'
			? await takeRejectedVersions(
					context.store,
					caller.actor.username,
					collection,
					absent,
					context.now()
				)
			: [];
	const stashedByKey = new Map(absent.map((key, index) => [key, stashed[index] ?? null]));
	const rows = keys.map((key, index) =>
		allDocsRow(key, found[index]?.doc ?? stashedByKey.get(key) ?? null)
	);
	return { total_rows: rows.length, offset: 0, rows };
}

async function pushDocs(
	context: ServerContext,
	caller: Caller,
	collection: CollectionName,
	request: Request
) {
	return bulkDocs(context, caller, collection, parsePush(await readJson(request)));
}
