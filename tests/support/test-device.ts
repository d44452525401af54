import { Worker } from 'node:worker_threads';
import { inject } from 'vitest';
import type { HeldActivityKey } from '../../src/lib/db/activity-keys';
import { LocalWriteRefused } from '../../src/lib/db/local-write';
import type { SessionInfo } from '../../src/lib/db/session-client';
import type { SyncStatus } from '../../src/lib/db/sync-status';
import type { RejectReason } from '../../src/lib/domain/access/write-verdict';
import type { ListItem, Minutes } from '../../src/lib/domain/ledger/ledger-docs';
import type {
	Activity,
	CollectionName,
	Credential,
	DocTypes,
	Org
} from '../../src/lib/domain/registry';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/demo-data';
import type {
	CallMessage,
	DeviceApi,
	DeviceReplicaOptions,
	HoldRule,
	HttpAnswer,
	Method,
	ReplyMessage,
	RequestOptions,
	Selector,
	SerializedError
} from './device-protocol';

export interface DeviceOptions extends DeviceReplicaOptions {
	/**
	 * Requests to hold back before they leave the device, as a busy browser queues them, until
	 * `release()`; e.g. the first live longpoll of a collection.
	 */
	holdRequests?: readonly HoldRule[];
}

/** How long waits in the worker last by default (`waitFor`, `waitForStatus`, `waitForHeld`). */
const WAIT_MS = 20_000;
/** How long closing may take before the worker is ended regardless. */
const CLOSE_MS = 10_000;

/** The bundled worker, built once per run by the integration project's global setup. */
function workerBundle(): string {
	const bundle = inject('deviceWorkerBundle');
	if (!bundle) {
		throw new Error(
			'No device worker: run the tests through the integration project of vite.config.ts.'
		);
	}
	return bundle;
}

/** Worker threads run scripts; this one turns on source maps and loads the bundle. */
const BOOT = `process.setSourceMapsEnabled(true);
import(require('node:worker_threads').workerData.entry);`;

interface Pending {
	resolve(value: unknown): void;
	reject(error: Error): void;
	/** Where the test made the call, for the stack of an error thrown in the worker. */
	site: Error;
}

/**
 * A phone or tablet in a test: its own cookie jar, a switch to go offline, and a real RxDB replica
 * (memory storage) replicating through the real gateway over HTTP. The replica lives in a worker
 * thread of its own, so every device opens every collection (open-source RxDB allows 13 open
 * collections per JavaScript realm); this object is its remote control. Documents cross as plain
 * JSON, without RxDB's bookkeeping fields.
 */
export class TestDevice {
	session: SessionInfo | null = null;
	private readonly worker: Worker;
	private readonly pending = new Map<number, Pending>();
	private nextId = 0;
	/** Set once the worker has failed or exited by itself: every call fails with it. */
	private crash: Error | null = null;
	private closing: Promise<void> | null = null;

	private constructor(
		readonly serverUrl: string,
		readonly username: string,
		entry: string
	) {
		this.worker = new Worker(BOOT, {
			eval: true,
			name: `device ${username}`,
			workerData: { entry }
		});
		this.worker.on('message', (message: ReplyMessage) => this.settle(message));
		this.worker.on('error', (error) =>
			this.fail(new Error(`The device of ${username} crashed: ${error.message}`, { cause: error }))
		);
		this.worker.on('messageerror', (error) =>
			this.fail(
				new Error(`The device of ${username} sent an unreadable message.`, { cause: error })
			)
		);
		this.worker.on('exit', (code) => {
			if (!this.closing) this.fail(new Error(`The device of ${username} exited (code ${code}).`));
		});
	}

	/** Starts the device's worker; `start` then signs in and begins to sync (see `World.device`). */
	static spawn(serverUrl: string, username: string): TestDevice {
		return new TestDevice(serverUrl, username, workerBundle());
	}

	/** Signs in, opens the replica (every collection) and starts its sync, as the app does. */
	async start({ holdRequests = [], ...replica }: DeviceOptions = {}): Promise<void> {
		this.session = await this.call('start', {
			serverUrl: this.serverUrl,
			username: this.username,
			password: DEMO_PASSWORD,
			replica,
			holdRequests
		});
	}

	private call<M extends Method>(
		method: M,
		...args: Parameters<DeviceApi[M]>
	): Promise<Awaited<ReturnType<DeviceApi[M]>>> {
		const site = new Error(`${this.username}.${method}`);
		if (this.crash) return Promise.reject(this.crash);
		if (this.closing && method !== 'close') {
			return Promise.reject(new Error(`The device of ${this.username} is closed (${method}).`));
		}
		const id = ++this.nextId;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject, site });
			this.worker.postMessage({ id, method, args } satisfies CallMessage);
		});
	}

	private settle(message: ReplyMessage) {
		const pending = this.pending.get(message.id);
		if (!pending) return;
		this.pending.delete(message.id);
		if (message.ok) pending.resolve(message.value);
		else pending.reject(revive(message.error, this.username, pending.site));
	}

	private fail(error: Error) {
		this.crash ??= error;
		for (const pending of this.pending.values()) pending.reject(error);
		this.pending.clear();
	}

	/** Goes offline (every request fails like a dead network) or back online. */
	async setOffline(offline: boolean): Promise<void> {
		await this.call('setOffline', offline);
	}

	async login(password = DEMO_PASSWORD): Promise<void> {
		this.session = await this.call('login', password);
	}

	/** Signs in again and restarts sync, as the app does after "please sign in again". */
	async resume(password = DEMO_PASSWORD): Promise<void> {
		this.session = await this.call('resume', password);
	}

	/** Pushes what is waiting and pulls what is new, everywhere (`Replica.syncNow`). */
	sync(): Promise<void> {
		return this.call('sync');
	}

	status(): Promise<SyncStatus> {
		return this.call('status');
	}

	/** Resolves once the sync status has all these values (e.g. `{ signedIn: false }`). */
	waitForStatus(expected: Partial<SyncStatus>, timeoutMs = WAIT_MS): Promise<SyncStatus> {
		return this.call('waitForStatus', expected, timeoutMs);
	}

	/** The names of the collections the device's database has open. */
	collections(): Promise<string[]> {
		return this.call('collections');
	}

	async find<K extends CollectionName>(
		collection: K,
		selector?: Selector<K>
	): Promise<DocTypes[K][]> {
		return typed<DocTypes[K][]>(await this.call('find', collection, selector));
	}

	async findOne<K extends CollectionName>(collection: K, id: string): Promise<DocTypes[K] | null> {
		return typed<DocTypes[K] | null>(await this.call('findOne', collection, id));
	}

	/** The ids of the documents the device holds in a collection, sorted. */
	ids(collection: CollectionName): Promise<string[]> {
		return this.call('ids', collection);
	}

	/**
	 * Resolves with the documents matching `selector` (a Mango selector, as RxDB queries take)
	 * once there is at least one; rejects after `timeoutMs`. Watches the replica, no polling.
	 */
	async waitFor<K extends CollectionName>(
		collection: K,
		selector: Selector<K>,
		timeoutMs = WAIT_MS
	): Promise<DocTypes[K][]> {
		const docs = await this.call('waitFor', collection, selector, timeoutMs);
		return typed<DocTypes[K][]>(docs);
	}

	async insert<K extends CollectionName>(collection: K, doc: DocTypes[K]): Promise<DocTypes[K]> {
		return typed<DocTypes[K]>(await this.call('insert', collection, doc));
	}

	/** Stores several documents in one write; rejects if any of them could not be stored. */
	bulkInsert<K extends CollectionName>(collection: K, docs: readonly DocTypes[K][]): Promise<void> {
		return this.call('bulkInsert', collection, docs);
	}

	async upsert<K extends CollectionName>(collection: K, doc: DocTypes[K]): Promise<DocTypes[K]> {
		return typed<DocTypes[K]>(await this.call('upsert', collection, doc));
	}

	/** Patches a stored document (rejects when the device does not hold it). */
	async incrementalPatch<K extends CollectionName>(
		collection: K,
		id: string,
		patch: Partial<DocTypes[K]>
	): Promise<DocTypes[K]> {
		return typed<DocTypes[K]>(await this.call('incrementalPatch', collection, id, patch));
	}

	/** Deletes a stored document (rejects when the device does not hold it). */
	remove(collection: CollectionName, id: string): Promise<void> {
		return this.call('remove', collection, id);
	}

	/**
	 * The app's checked write (`writeChecked` in src/lib/db/local-write.ts) as the signed-in user.
	 * Without `subject` the policy's subject is looked up in the replica, as in the app. A refused
	 * write rejects with a `LocalWriteRefused` carrying its `reason`.
	 */
	writeChecked<K extends CollectionName>(
		collection: K,
		doc: DocTypes[K],
		subject?: object | null
	): Promise<void> {
		return this.call('writeChecked', collection, doc, subject);
	}

	/**
	 * The app's checked write of many documents in one bulk write (`writeAllChecked`), as the
	 * signed-in user: a secretary approving a batch in one tap.
	 */
	writeAllChecked<K extends CollectionName>(
		collection: K,
		batch: readonly { next: DocTypes[K]; subject: object | null }[]
	): Promise<void> {
		return this.call('writeAllChecked', collection, batch);
	}

	/** The app's checked deletion (`deleteChecked`), as the signed-in user. */
	deleteChecked(collection: CollectionName, id: string, subject?: object | null): Promise<void> {
		return this.call('deleteChecked', collection, id, subject);
	}

	/** The app's `moveResidence` (src/lib/db/residence.ts), as the signed-in user. */
	moveResidence(memberId: string, communityId: string, now = new Date()): Promise<void> {
		return this.call('moveResidence', memberId, communityId, now.toISOString());
	}

	/** The activity form's write: the activity, its key, and the device's own copy of the key. */
	createActivity(
		activity: Activity,
		credential: Credential,
		host: Org | null = null
	): Promise<void> {
		return this.call('createActivity', activity, credential, host);
	}

	/** The activity form's write of a joint meeting: the activity, its key, its minutes. */
	scheduleMeeting(meeting: {
		activity: Activity;
		credential: Credential;
		host: Org;
		minutes: Minutes;
	}): Promise<void> {
		return this.call('scheduleMeeting', meeting);
	}

	/** The meeting page's save: the minutes, then the list item of each new decision. */
	saveMinutes(minutes: Minutes, items: readonly ListItem[]): Promise<void> {
		return this.call('saveMinutes', minutes, items);
	}

	/** The signing key the device would show codes with (`observeActivityKey`), if any. */
	activityKey(activityId: string, publicKey: string): Promise<HeldActivityKey | null> {
		return this.call('activityKey', activityId, publicKey);
	}

	/** A request from the device to its server (path or URL), with its session cookie. */
	request(path: string, options: RequestOptions = {}): Promise<HttpAnswer> {
		return this.call('request', path, options);
	}

	/** Resolves with the URLs held so far (`holdRequests`) once there are at least `count`. */
	waitForHeld(count = 1, timeoutMs = WAIT_MS): Promise<string[]> {
		return this.call('waitForHeld', count, timeoutMs);
	}

	/** Lets the held requests go; resolves with how many there were. */
	release(): Promise<number> {
		return this.call('release');
	}

	/**
	 * Deletes the local database and ends the worker, also when the device is stuck or crashed;
	 * rejects if the device crashed at any time or closing failed. Safe to call more than once.
	 */
	close(): Promise<void> {
		this.closing ??= this.shutdown();
		return this.closing;
	}

	private async shutdown(): Promise<void> {
		let failure: Error | null = this.crash;
		if (!this.crash) {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const timeout = new Promise<never>((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`The device of ${this.username} took too long to close.`)),
					CLOSE_MS
				);
			});
			await Promise.race([this.call('close'), timeout])
				.catch((error: unknown) => {
					failure = error instanceof Error ? error : new Error(String(error));
				})
				.finally(() => clearTimeout(timer));
		}
		const closed = new Error(`The device of ${this.username} is closed.`);
		for (const pending of this.pending.values()) pending.reject(closed);
		this.pending.clear();
		await this.worker.terminate();
		if (failure) throw failure;
	}
}

/** Documents cross the thread as plain JSON; the caller names the collection's type. */
function typed<T>(value: unknown): T {
	return value as T;
}

/** An error from the worker, with the test's call site first and the worker's stack after it. */
function revive(serialized: SerializedError, username: string, site: Error): Error {
	const { props } = serialized;
	const error = serialized.refused
		? new LocalWriteRefused(
				props['reason'] as RejectReason,
				typeof props['detail'] === 'string' ? props['detail'] : undefined
			)
		: Object.assign(new Error(serialized.message), { name: serialized.name });
	Object.assign(error, props);
	const frames = (stack: string | undefined) =>
		(stack ?? '')
			.split('\n')
			.filter((line) => line.trimStart().startsWith('at '))
			.filter((line) => !/test-device\.ts|node:internal|<anonymous>|MessagePort\./.test(line))
			.join('\n');
	error.stack = [
		`${error.name}: ${serialized.message}`,
		frames(site.stack),
		`    at <device ${username}, in its worker thread>`,
		frames(serialized.stack)
	].join('\n');
	return error;
}
