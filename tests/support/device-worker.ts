import { parentPort } from 'node:worker_threads';
import { BehaviorSubject, firstValueFrom } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxCollection, RxDocument } from 'rxdb';
import {
	actorOf,
	deleteChecked,
	LocalWriteRefused,
	writeAllChecked,
	writeChecked
} from '../../src/lib/db/local-write';
import { observeActivityKey, writeActivityWithKey } from '../../src/lib/db/activity-keys';
import { writeMeeting, writeMinutes } from '../../src/lib/db/meeting-writes';
import type { ListItem, Minutes } from '../../src/lib/domain/ledger/ledger-docs';
import { Replica } from '../../src/lib/db/replica';
import { moveResidence } from '../../src/lib/db/residence';
import { signIn, type SessionInfo } from '../../src/lib/db/session-client';
import type { SyncStatus } from '../../src/lib/db/sync-status';
import type {
	Activity,
	CollectionName,
	Credential,
	DocTypes,
	Org
} from '../../src/lib/domain/registry';
import type {
	CallMessage,
	DeviceApi,
	PlainDoc,
	ReplyMessage,
	SerializedError,
	StartOptions
} from './device-protocol';
import { until } from './wait';

/**
 * One simulated phone or tablet, in a worker thread of its own: a real `Replica` on RxDB memory
 * storage, its cookie jar and its offline switch. It answers the calls of its `TestDevice`
 * (device-protocol.ts), one message each. It runs bundled (device-bundle.ts), in a realm of its
 * own, so its collections do not count against any other device's.
 */

const port = parentPort;
if (!port) throw new Error('device-worker.ts runs in a worker thread.');

let serverUrl = '';
let username = '';
let cookie: string | null = null;
let offline = false;
let session: SessionInfo | null = null;
let replica: Replica | null = null;

interface ActiveHold {
	urlIncludes: readonly string[];
	remaining: number;
}
let holdRules: ActiveHold[] = [];
let waiting: (() => void)[] = [];
/** Every request held so far, in order. */
const held$ = new BehaviorSubject<string[]>([]);

async function holdIfMatched(url: string): Promise<void> {
	const rule = holdRules.find(
		(r) => r.remaining > 0 && r.urlIncludes.every((part) => url.includes(part))
	);
	if (!rule) return;
	rule.remaining -= 1;
	const released = new Promise<void>((resolve) => waiting.push(resolve));
	held$.next([...held$.getValue(), url]);
	await released;
}

function releaseHeld(): number {
	const count = waiting.length;
	for (const release of waiting) release();
	waiting = [];
	return count;
}

/** Like the browser: sends and keeps the session cookie; fails like a dead network when offline. */
const deviceFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
	if (offline) throw new TypeError('fetch failed: the device is offline');
	await holdIfMatched(input instanceof Request ? input.url : String(input));
	const headers = new Headers(init.headers);
	if (cookie) headers.set('cookie', cookie);
	const response = await fetch(input, { ...init, headers });
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0] ?? null;
	return response;
};

function opened(): Replica {
	if (!replica) throw new Error(`The device of ${username || 'nobody'} has no replica yet.`);
	return replica;
}

type AnyCollection = RxCollection<PlainDoc>;

function collectionOf(name: CollectionName): AnyCollection {
	const collection = opened().db.collections[name] as unknown as AnyCollection | undefined;
	if (!collection) throw new Error(`The collection ${name} is not open on ${username}'s device.`);
	return collection;
}

/** Without RxDB's bookkeeping fields; the message that carries it makes the copy. */
function plain(doc: RxDocument<PlainDoc>): PlainDoc {
	return doc.toJSON() as PlainDoc;
}

async function stored(collection: CollectionName, id: string): Promise<RxDocument<PlainDoc>> {
	const doc = await collectionOf(collection).findOne(id).exec();
	if (!doc) throw new Error(`${username}'s device holds no ${collection}/${id}.`);
	return doc;
}

function signedIn(): SessionInfo {
	if (!session) throw new Error(`The device of ${username} is not signed in.`);
	return session;
}

async function login(password: string): Promise<SessionInfo> {
	session = await signIn({ serverUrl, fetch: deviceFetch }, username, password);
	return session;
}

function matches(status: SyncStatus, expected: Partial<SyncStatus>): boolean {
	return Object.entries(expected).every(
		([key, value]) => status[key as keyof SyncStatus] === value
	);
}

const api: DeviceApi = {
	async start(options: StartOptions) {
		serverUrl = options.serverUrl;
		username = options.username;
		holdRules = options.holdRequests.map((rule) => ({
			urlIncludes: rule.urlIncludes,
			remaining: rule.times ?? 1
		}));
		const current = await login(options.password);
		const { liveCollections, ...settings } = options.replica;
		replica = await Replica.open({
			username,
			serverUrl,
			storage: getRxStorageMemory(),
			fetch: deviceFetch,
			batchSize: 20,
			retryTimeMs: 100,
			pollIntervalMs: 0,
			heartbeatMs: 2_000,
			waitForLeadership: false,
			...settings,
			...(liveCollections ? { liveCollections } : {})
		});
		await replica.start(current.channels);
		return current;
	},
	login,
	async resume(password) {
		const current = await login(password);
		await opened().start(current.channels);
		return current;
	},
	async sync() {
		await opened().syncNow();
	},
	setOffline(value) {
		offline = value;
		return Promise.resolve();
	},
	status() {
		return Promise.resolve(opened().status);
	},
	waitForStatus(expected, timeoutMs) {
		return until(opened().status$, (s) => matches(s, expected), timeoutMs).catch(
			(error: unknown) => {
				const last = JSON.stringify(opened().status);
				throw new Error(
					`${username}'s sync status did not become ${JSON.stringify(expected)} within ` +
						`${timeoutMs} ms (last: ${last}).`,
					{ cause: error }
				);
			}
		);
	},
	collections() {
		return Promise.resolve(Object.keys(opened().db.collections));
	},
	async find(collection, selector) {
		const docs = await collectionOf(collection)
			.find(selector ? { selector } : {})
			.exec();
		return docs.map(plain);
	},
	async findOne(collection, id) {
		const doc = await collectionOf(collection).findOne(id).exec();
		return doc ? plain(doc) : null;
	},
	async ids(collection) {
		const docs = await collectionOf(collection).find().exec();
		return docs.map((doc) => doc.primary).sort();
	},
	async waitFor(collection, selector, timeoutMs) {
		const query = collectionOf(collection).find({ selector });
		try {
			const docs = await until(query.$, (found) => found.length > 0, timeoutMs);
			return docs.map(plain);
		} catch (error) {
			throw new Error(
				`No document in ${collection} matched ${JSON.stringify(selector)} on ${username}'s ` +
					`device within ${timeoutMs} ms.`,
				{ cause: error }
			);
		}
	},
	async insert(collection, doc) {
		return plain(await collectionOf(collection).insert(doc as PlainDoc));
	},
	async bulkInsert(collection, docs) {
		const result = await collectionOf(collection).bulkInsert(docs as PlainDoc[]);
		if (result.error.length > 0) {
			const ids = result.error.map((e) => e.documentId).join(', ');
			throw new Error(`${username}'s device refused to store ${collection}: ${ids}.`);
		}
	},
	async upsert(collection, doc) {
		return plain(await collectionOf(collection).upsert(doc));
	},
	async incrementalPatch(collection, id, patch) {
		const doc = await stored(collection, id);
		return plain(await doc.incrementalPatch(patch));
	},
	async remove(collection, id) {
		await (await stored(collection, id)).remove();
	},
	async writeChecked(collection, doc, subject) {
		const next = doc as DocTypes[typeof collection];
		await writeChecked(opened().db, collection, actorOf(signedIn()), next, subject);
	},
	async writeAllChecked(collection, batch) {
		const typed = batch as { next: DocTypes[typeof collection]; subject: object | null }[];
		await writeAllChecked(opened().db, collection, actorOf(signedIn()), typed);
	},
	async deleteChecked(collection, id, subject) {
		await deleteChecked(opened().db, collection, actorOf(signedIn()), id, subject);
	},
	async moveResidence(memberId, communityId, nowIso) {
		await moveResidence(opened().db, actorOf(signedIn()), memberId, communityId, new Date(nowIso));
	},
	async createActivity(activity, credential, host) {
		await writeActivityWithKey(
			opened().db,
			actorOf(signedIn()),
			activity as Activity,
			credential as Credential,
			host as Org | null
		);
	},
	async scheduleMeeting(meeting) {
		await writeMeeting(opened().db, actorOf(signedIn()), {
			activity: meeting.activity as Activity,
			credential: meeting.credential as Credential,
			host: meeting.host as Org,
			minutes: meeting.minutes as Minutes
		});
	},
	async saveMinutes(minutes, items) {
		await writeMinutes(
			opened().db,
			actorOf(signedIn()),
			minutes as Minutes,
			items as readonly ListItem[]
		);
	},
	activityKey(activityId, publicKey) {
		return firstValueFrom(observeActivityKey(opened().db, activityId, publicKey));
	},
	async request(path, options) {
		const response = await deviceFetch(new URL(path, serverUrl), options);
		const text = await response.text();
		let body: unknown = text;
		if (response.headers.get('content-type')?.includes('json')) body = JSON.parse(text);
		return { status: response.status, body };
	},
	waitForHeld(count, timeoutMs) {
		return until(held$, (urls) => urls.length >= count, timeoutMs).catch((error: unknown) => {
			throw new Error(
				`${username}'s device held ${held$.getValue().length} of ${count} requests ` +
					`within ${timeoutMs} ms.`,
				{ cause: error }
			);
		});
	},
	release() {
		return Promise.resolve(releaseHeld());
	},
	async close() {
		holdRules = [];
		releaseHeld();
		const closing = replica;
		replica = null;
		await closing?.destroy();
	}
};

/** Primitive own fields survive the trip (e.g. `reason`, `detail`, `code`); objects do not. */
function serialize(error: unknown): SerializedError {
	if (!(error instanceof Error)) {
		return { name: 'Error', message: String(error), stack: undefined, refused: false, props: {} };
	}
	const props: SerializedError['props'] = {};
	for (const [key, value] of Object.entries(error)) {
		if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
			props[key] = value as string | number | boolean | null;
		}
	}
	return {
		name: error.name,
		message: error.message,
		stack: error.stack,
		refused: error instanceof LocalWriteRefused,
		props
	};
}

function reply(message: ReplyMessage): void {
	try {
		port?.postMessage(message);
	} catch (error) {
		// E.g. an answer that cannot be cloned: the call fails instead of the device.
		port?.postMessage({
			id: message.id,
			ok: false,
			error: serialize(error)
		} satisfies ReplyMessage);
	}
}

port.on('message', (message: CallMessage) => {
	const method = (api[message.method] as (...args: unknown[]) => Promise<unknown>).bind(api);
	void new Promise<unknown>((resolve) => resolve(method(...message.args))).then(
		(value) => reply({ id: message.id, ok: true, value }),
		(error: unknown) => reply({ id: message.id, ok: false, error: serialize(error) })
	);
});
