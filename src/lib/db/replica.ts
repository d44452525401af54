import { BehaviorSubject, type Subscription } from 'rxjs';
import { deepEqual } from 'rxdb/plugins/utils';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import {
	collectionNames,
	isCollectionName,
	isLiveCollection,
	isWritable,
	pushedAfter,
	type AnyDoc,
	type CollectionName
} from '../domain/registry';
import {
	databaseNameFor,
	openCollections,
	openDatabase,
	resetCollections,
	type AnyStorage,
	type BaodaoDatabase
} from './database';
import { keepLastSynced } from './last-synced';
import { deviceWrites, PendingChanges } from './pending-changes';
import { withCurrentChannels } from '../domain/access/write-policy';
import { ChangeSignals } from './change-signals';
import { CreationPushes } from './creation-pushes';
import { StreamAnchors } from './stream-anchors';
import { initialSyncStatus, type SyncStatus } from './sync-status';

/**
 * Collections that follow the server live, as the registry says; their longpolls are answered
 * from the device's one live stream (`change-signals.ts`). Reference data is synced once on
 * start, on demand and on a timer.
 */
export const LIVE_COLLECTIONS: readonly CollectionName[] = collectionNames.filter(isLiveCollection);

export interface ReplicaOptions {
	username: string;
	/** Origin of the baodao server, e.g. `https://baodao.example.cn` (no trailing slash). */
	serverUrl: string;
	storage: AnyStorage;
	/** Local database name; by default one per username. */
	databaseName?: string;
	fetch?: typeof fetch;
	liveCollections?: readonly CollectionName[];
	batchSize?: number;
	retryTimeMs?: number;
	/** How often reference collections are synced while running; 0 turns the timer off. */
	pollIntervalMs?: number;
	heartbeatMs?: number;
	multiInstance?: boolean;
	waitForLeadership?: boolean;
	/** Check local writes against the shared schemas (on by default). */
	validate?: boolean;
	/** Replicate only these collections (tests that run several devices in one process). */
	collections?: readonly CollectionName[];
}

type State = RxCouchDBReplicationState<unknown>;
type Mode = { live: boolean; pull: boolean; push: boolean; identifier?: string };

const CHANNELS_DOC = 'channels';

/** Chrome refuses `keepalive` requests whose bodies together pass 64 KiB; stay well below. */
const KEEPALIVE_BODY_BYTES = 48 * 1024;

/** Whether a request may ask to outlive the page: a POST with a small enough body. */
function fitsKeepalive(init?: RequestInit): boolean {
	return (
		init?.method === 'POST' &&
		typeof init.body === 'string' &&
		new TextEncoder().encode(init.body).length <= KEEPALIVE_BODY_BYTES
	);
}

/** Same fields, but for RxDB's and the push modifier's own (`_meta`, `_rev`, `channels`, …). */
function sameContent(local: object, sent: object): boolean {
	const own = (doc: object) =>
		Object.fromEntries(
			Object.entries(doc).filter(([key]) => !key.startsWith('_') && key !== 'channels')
		);
	return deepEqual(own(local), own(sent));
}

function idOf(doc: object): string {
	return String((doc as { id?: unknown }).id);
}

/**
 * A device's full replica of what its user may see, kept in sync through the gateway.
 * Framework-free: the screens wrap it in runes, the integration tests drive it directly.
 */
export class Replica {
	readonly status$ = new BehaviorSubject<SyncStatus>(initialSyncStatus);
	private readonly live = new Map<CollectionName, State>();
	private readonly once = new Map<CollectionName, Promise<void>>();
	private readonly pending: PendingChanges;
	private readonly subscriptions: Subscription[] = [];
	private readonly activeStates = new Set<State>();
	private readonly anchors = new StreamAnchors();
	private readonly signals: ChangeSignals;
	private readonly creations = new CreationPushes();
	private timer: ReturnType<typeof setInterval> | undefined;
	private writeDebounce: ReturnType<typeof setTimeout> | undefined;
	private isRunning = false;
	/** The page is being hidden or left: pushes started now ask to outlive it (`keepalive`). */
	private leaving = false;
	private skewMs = 0;
	/** Set once every collection has completed its first sync of this run. */
	private caughtUp = false;

	private constructor(
		readonly db: BaodaoDatabase,
		private readonly options: ReplicaOptions
	) {
		this.pending = new PendingChanges(db);
		const live = this.liveCollections.join(',');
		this.signals = new ChangeSignals({
			// With no live collection open, every one: backfills hold longpolls too.
			url: `${options.serverUrl}/sync/_stream${live ? `?collections=${live}` : ''}`,
			fetch: this.send,
			waitMs: options.heartbeatMs ?? 25_000,
			retryMs: options.retryTimeMs ?? 5000
		});
	}

	static async open(options: ReplicaOptions): Promise<Replica> {
		const db = await openDatabase({
			name: options.databaseName ?? databaseNameFor(options.username),
			storage: options.storage,
			multiInstance: options.multiInstance ?? false,
			validate: options.validate ?? true,
			...(options.collections ? { collections: options.collections } : {})
		});
		const replica = new Replica(db, options);
		await replica.pending.start();
		replica.subscriptions.push(await keepLastSynced(db, replica.status$));
		replica.subscriptions.push(
			replica.pending.count$.subscribe((pending) => replica.update({ pending })),
			// Live collections push by themselves; the others get a round soon after a local write.
			deviceWrites(db).subscribe(({ collection }) => {
				if (replica.running && !replica.liveCollections.includes(collection)) {
					replica.scheduleReferenceSync();
				}
			})
		);
		return replica;
	}

	get running(): boolean {
		return this.isRunning;
	}

	get status(): SyncStatus {
		return this.status$.getValue();
	}

	get username(): string {
		return this.options.username;
	}

	private get liveCollections(): readonly CollectionName[] {
		const names = this.names;
		return (this.options.liveCollections ?? LIVE_COLLECTIONS).filter((n) => names.includes(n));
	}

	private get names(): CollectionName[] {
		return openCollections(this.db);
	}

	/**
	 * How far the server's clock is ahead of this device's (negative: behind), from the last
	 * answer's Date header; check-ins record it so a wrong clock is flagged, not trusted.
	 */
	get clockSkewMs(): number {
		return this.skewMs;
	}

	private update(patch: Partial<SyncStatus>) {
		const current = this.status;
		if (Object.entries(patch).every(([key, value]) => current[key as keyof SyncStatus] === value))
			return;
		this.status$.next({ ...current, ...patch });
	}

	/** The platform's word on the network (the browser's online/offline events). */
	setOnline(online: boolean): void {
		this.update(online ? { online } : { online, lastError: 'offline' });
	}

	/** The server no longer knows this session: stop, keep everything, wait for a new sign-in. */
	async sessionEnded(): Promise<void> {
		this.update({ online: true, signedIn: false, lastError: 'unauthorized' });
		await this.stop();
	}

	/** The fetch given to the plugin: its longpolls are answered from the one live stream. */
	private readonly fetchForSync = async (
		input: RequestInfo | URL,
		init?: RequestInit
	): Promise<Response> => {
		const url = await this.anchors.rewrite(
			typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
		);
		const answered = this.creations.answer(url, init);
		if (answered) return answered;
		await this.pushPrerequisite(url, init);
		if (new URL(url).searchParams.get('feed') !== 'longpoll') return this.send(url, init);
		return this.signals.answerLongpoll(url, (read) => this.send(read, init), init?.signal);
	};

	/**
	 * Before a push, pushes what waits in the collection its policies check it against (the
	 * registry's `pushedAfter`): an activity's key, or a residence report beside the profile that
	 * moved house, would otherwise reach the gateway first and be refused as naming nothing.
	 */
	private async pushPrerequisite(url: string, init?: RequestInit): Promise<void> {
		// Not while `start` drains a channel change: it runs every collection's push itself.
		if (init?.method !== 'POST' || !this.running) return;
		const name = /\/sync\/([a-z]+)\/_bulk_docs$/.exec(new URL(url).pathname)?.[1] ?? '';
		const first = isCollectionName(name) ? pushedAfter(name) : undefined;
		if (
			first &&
			this.names.includes(first) &&
			!this.liveCollections.includes(first) &&
			this.pending.has(first)
		) {
			await this.round(first, { pull: true, push: true });
		}
	}

	/** Every sync request goes through here: it notices offline, expired sessions and errors. */
	private readonly send = async (url: string, init?: RequestInit): Promise<Response> => {
		const fetcher = this.options.fetch ?? globalThis.fetch.bind(globalThis);
		let response: Response;
		try {
			response = await fetcher(url, {
				...init,
				credentials: 'same-origin',
				...(this.leaving && fitsKeepalive(init) ? { keepalive: true } : {})
			});
		} catch (error) {
			// Closing the live stream is not the network going away.
			if (!init?.signal?.aborted) this.update({ online: false, lastError: 'offline' });
			throw error;
		}
		if (response.status === 401) {
			// Keep the replica and its unsent changes; sync resumes when the same person signs in.
			// Stopping waits for this very request's replication, so it must not be awaited here.
			setTimeout(() => void this.sessionEnded(), 0);
			this.update({ online: true, signedIn: false, lastError: 'unauthorized' });
			throw new Error('The session has ended.');
		}
		if (!response.ok) {
			this.update({ online: true, lastError: `http-${response.status}` });
			throw new Error(`The server answered ${response.status}.`);
		}
		// An answer to a request sent before the browser's `offline` event says nothing of now.
		if (globalThis.navigator?.onLine !== false) this.update({ online: true, lastError: null });
		const serverDate = Date.parse(response.headers.get('date') ?? '');
		// The header has whole seconds: within a second the clocks agree as far as it can tell.
		if (Number.isFinite(serverDate)) {
			const skew = serverDate - Date.now();
			this.skewMs = Math.abs(skew) < 1_000 ? 0 : skew;
		}
		await this.anchors.observe(url, response).catch(() => undefined);
		return response;
	};

	private replicate(name: CollectionName, mode: Mode): State {
		const writable = isWritable(name);
		const collection = this.db.collections[name];
		const state: State = replicateCouchDB<unknown>({
			replicationIdentifier: mode.identifier ?? `main-${name}`,
			collection,
			url: `${this.options.serverUrl}/sync/${name}/`,
			fetch: this.fetchForSync,
			live: mode.live,
			retryTime: this.options.retryTimeMs ?? 5000,
			waitForLeadership: this.options.waitForLeadership ?? true,
			autoStart: true,
			...(mode.pull
				? {
						pull: {
							batchSize: this.options.batchSize ?? 100,
							heartbeat: this.options.heartbeatMs ?? 25_000
						}
					}
				: {}),
			...(mode.push && writable
				? {
						push: {
							batchSize: this.options.batchSize ?? 100,
							// A change saved under an earlier version's channel rules goes out under
							// today's, which the gateway checks; the pulled revision then updates it here.
							modifier: (doc: unknown) => withCurrentChannels(name, doc as AnyDoc)
						}
					}
				: {})
		});
		this.creations.track(name, state, idOf);
		state.sent$.subscribe((doc) => void this.settleIfCurrent(name, doc));
		state.conflict$.subscribe((conflict) =>
			this.pending.settled(name, idOf(conflict.input.newDocumentState))
		);
		state.active$.subscribe((active) => {
			if (active) this.activeStates.add(state);
			else this.activeStates.delete(state);
			const anyActive = this.activeStates.size > 0;
			if (!anyActive && this.caughtUp && this.status.active && this.status.lastError === null) {
				this.update({ active: false, lastSyncedAt: new Date() });
			} else this.update({ active: anyActive });
		});
		state.canceled$.subscribe((canceled) => {
			if (canceled) this.activeStates.delete(state);
		});
		return state;
	}

	/**
	 * The server took a version of a document: its change is settled only if nothing newer was
	 * written since, for the pending set is kept by id. A round that pushed the first of quick
	 * edits may end before it sees the others; they are pushed after it instead of waiting for
	 * the next round while the device says all is synced.
	 */
	private async settleIfCurrent(name: CollectionName, sent: object): Promise<void> {
		const id = idOf(sent);
		const local = await this.db.collections[name].findOne(id).exec();
		if (local && !sameContent(local.toJSON(), sent)) void this.pushPending();
		else this.pending.settled(name, id);
	}

	/**
	 * Runs a replication until it is in sync, then ends it; rejects at its first error. With
	 * `forget`, its checkpoint is removed too (a non-live replication closes its own state when
	 * done, so such a run is started live and removed by hand). Push-only runs are started live
	 * as well (without a pull there is no longpoll): a non-live run that failed retries until it
	 * is in sync, and its `cancel()` waits for that, so a push could not end at its first error.
	 */
	private async runOnce(
		name: CollectionName,
		mode: Omit<Mode, 'live'>,
		forget = false
	): Promise<void> {
		const state = this.replicate(name, { ...mode, live: forget || !mode.pull });
		await new Promise<void>((resolve, reject) => {
			const failed = state.error$.subscribe((error) => {
				failed.unsubscribe();
				void state
					.cancel()
					.finally(() => reject(error instanceof Error ? error : new Error(String(error))));
			});
			state
				.awaitInSync()
				.then(() => (forget ? state.remove() : state.cancel()))
				.then(() => {
					failed.unsubscribe();
					resolve();
				}, reject);
		});
	}

	/**
	 * Starts syncing for a session with these channels. If the channels grew since the last
	 * session, the new channels' older documents are pulled in by a one-off pull from zero; if they
	 * shrank, waiting changes are pushed first and then the replica is emptied and pulled afresh.
	 * The main replications keep their identifiers: re-keying them would re-send every document
	 * and let the default conflict handler discard unpushed edits.
	 */
	async start(channels: readonly string[]): Promise<void> {
		await this.stop();
		this.anchors.reset();
		this.signals.start();
		this.update({ signedIn: true, lastError: null });
		const saved = await this.db.getLocal<{ channels: string[] }>(CHANNELS_DOC);
		const known = saved?.get('channels') as string[] | undefined;
		if (known && known.some((c) => !channels.includes(c))) {
			const waiting = this.names.filter(isWritable);
			await Promise.all(waiting.map((name) => this.runOnce(name, { pull: false, push: true })));
			await resetCollections(this.db);
			this.pending.clear();
		} else if (known && channels.some((c) => !known.includes(c))) {
			const identifier = `backfill-${Date.now().toString(36)}`;
			await Promise.all(
				this.names.map((name) => this.runOnce(name, { pull: true, push: false, identifier }, true))
			);
		}
		await this.db.upsertLocal(CHANNELS_DOC, { channels: [...channels] });
		this.isRunning = true;
		for (const name of this.liveCollections) {
			this.live.set(name, this.replicate(name, { live: true, pull: true, push: true }));
		}
		const live = [...this.live.values()].map((state) => state.awaitInSync());
		Promise.all([...live, this.syncReference()])
			.then(() => {
				if (!this.running) return;
				this.caughtUp = true;
				this.update({ lastSyncedAt: new Date() });
			})
			.catch(() => undefined);
		const every = this.options.pollIntervalMs ?? 120_000;
		if (every > 0) this.timer = setInterval(() => this.scheduleReferenceSync(0), every);
	}

	private scheduleReferenceSync(delayMs = 300) {
		clearTimeout(this.writeDebounce);
		this.writeDebounce = setTimeout(() => {
			// A round that was running may have taken its last look before the write: push the rest.
			void this.syncReference()
				.catch(() => undefined)
				.then(() => this.pushPending());
		}, delayMs);
	}

	/**
	 * One push-and-pull round of the collections that are not live. With `fresh`, rounds already
	 * running are let finish first and new ones started: a round begun just before the network
	 * went away fails, and reusing it would fail a sync asked for after the network came back.
	 */
	private async syncReference(fresh = false): Promise<void> {
		if (fresh) await Promise.allSettled([...this.once.values()]);
		const rounds = this.names
			.filter((name) => !this.liveCollections.includes(name))
			.map((name) => this.round(name, { pull: true, push: true }));
		await Promise.all(rounds);
	}

	/** One run of a replication, shared by everyone who asks while it runs. */
	private round(name: CollectionName, mode: Omit<Mode, 'live'>): Promise<void> {
		let round = this.once.get(name);
		if (!round) {
			round = this.runOnce(name, mode).finally(() => this.once.delete(name));
			this.once.set(name, round);
		}
		return round;
	}

	/**
	 * Starts pushing what waits in the collections synced in rounds, at once and before anything
	 * is pulled: the network just came back or the page is about to be hidden, and neither should
	 * wait for the next round. Live replications push by themselves (RxDB retries them on the
	 * browser's `online` event). Runs whether or not sync is started: a device opened offline has
	 * not asked for its session yet, and a push with an ended session only ends sync (`send`).
	 * With `leaving`, the requests ask the browser to finish them after the page is gone.
	 */
	pushWaiting({ leaving = false } = {}): Promise<void> {
		this.leaving = leaving;
		return this.pushPending();
	}

	private pushPending(): Promise<void> {
		if (!this.status.signedIn || this.followsAnotherTab) return Promise.resolve();
		const waiting = this.names.filter(
			(name) => isWritable(name) && !this.live.has(name) && this.pending.has(name)
		);
		// What the gateway checks a push against goes first (`pushWaiting` may run before `start`).
		const rounds = new Map<CollectionName, Promise<void>>();
		for (const name of waiting) {
			const first = pushedAfter(name);
			const before = (first && rounds.get(first)) || Promise.resolve();
			rounds.set(
				name,
				before.then(() => this.pushRound(name)).catch(() => undefined)
			);
		}
		return Promise.all(rounds.values()).then(() => undefined);
	}

	/**
	 * Sync runs, and in another tab: that tab pushes this one's writes (the storage is shared),
	 * and a run started here would wait for leadership, holding up `stop()`.
	 */
	private get followsAnotherTab(): boolean {
		const elected = this.options.multiInstance && (this.options.waitForLeadership ?? true);
		return Boolean(elected) && this.running && !this.db.isLeader();
	}

	/**
	 * A push-only round, after the round that runs now if it leaves something unsent. Never
	 * beside it: two runs under one identifier push the same change twice, and the conflict the
	 * second meets can put an earlier version back on the device. A round that failed waits out
	 * RxDB's retry (at once on the browser's `online` event) and then pushes by itself.
	 */
	private async pushRound(name: CollectionName): Promise<void> {
		await this.once.get(name)?.catch(() => undefined);
		if (this.pending.has(name)) await this.round(name, { pull: false, push: true });
	}

	/** Pushes what is waiting and pulls what is new, everywhere; resolves when all is in sync. */
	async syncNow(): Promise<void> {
		if (!this.running) throw new Error('Sync is not running.');
		this.signals.retryNow();
		const live = [...this.live.values()].map((state) => {
			state.reSync();
			return state.awaitInSync();
		});
		await Promise.all([...live, this.syncReference(true)]);
		this.update({ lastSyncedAt: new Date() });
	}

	/** Stops every replication; the replica and its unsent changes stay. */
	async stop(): Promise<void> {
		this.isRunning = false;
		this.caughtUp = false;
		clearInterval(this.timer);
		clearTimeout(this.writeDebounce);
		const states = [...this.live.values()];
		this.live.clear();
		await Promise.all(states.map((state) => state.cancel()));
		// After the cancel: the longpolls it releases then end their loops instead of asking again.
		await this.signals.stop();
		await Promise.allSettled([...this.once.values()]);
		this.activeStates.clear();
		this.update({ active: false });
	}

	async close(): Promise<void> {
		await this.stop();
		for (const subscription of this.subscriptions) subscription.unsubscribe();
		await this.pending.stop();
		await this.db.close();
	}

	/** Signs the device out of this user's data: everything local is deleted. */
	async destroy(): Promise<void> {
		await this.stop();
		for (const subscription of this.subscriptions) subscription.unsubscribe();
		await this.pending.stop();
		await this.db.remove();
	}
}
