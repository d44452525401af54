import { BehaviorSubject, distinctUntilChanged, filter, map, type Observable } from 'rxjs';
import { fileUrl } from '../domain/files/file-rules';
import {
	afterAttempt,
	isDue,
	nextDueAt,
	retryDelayMs,
	type UploadAnswer
} from './evidence-attempts';
import { outboxEntries, putEntry, removeEntry, type OutboxEntry } from './evidence-outbox';
import type { SyncStatus } from './sync-status';

/** Where waiting files are kept: the user's IndexedDB outbox, or a stand-in in tests. */
export interface Outbox {
	entries(): Promise<OutboxEntry[]>;
	put(entry: OutboxEntry): Promise<void>;
	remove(entry: OutboxEntry): Promise<void>;
}

export function indexedOutbox(username: string): Outbox {
	return {
		entries: () => outboxEntries(username),
		put: (entry) => putEntry(username, entry),
		remove: (entry) => removeEntry(username, entry)
	};
}

export interface EvidenceUploadOptions {
	serverUrl: string;
	outbox: Outbox;
	/** The replica's sync status: each finished round may have brought a citing document up. */
	status$: Observable<SyncStatus>;
	fetch?: typeof fetch;
	now?: () => number;
	/** Runs the next pass after `ms`; returns how to call it off (tests pass their own). */
	schedule?: (run: () => void, ms: number) => () => void;
	/** An upload with no answer by then is given up and tried again later (default 60 s). */
	uploadTimeoutMs?: number;
}

const UPLOAD_TIMEOUT_MS = 60_000;

/** Whether the browser says it has no network: then a try can only fail. */
const offline = () => globalThis.navigator?.onLine === false;

function scheduleTimer(run: () => void, ms: number): () => void {
	const timer = setTimeout(run, ms);
	return () => clearTimeout(timer);
}

/**
 * Uploads waiting files one at a time when the device is online: after each sync round, when
 * the network or the person comes back, and when the earliest wait is over. A file leaves the
 * outbox once the server has it; one the server refuses for good stays, marked, to be shown.
 */
export class EvidenceUploads {
	/** Files not yet on the server (refused ones included): for the sync indicator. */
	readonly waiting$ = new BehaviorSubject<number>(0);
	private readonly fetch: typeof fetch;
	private readonly now: () => number;
	private running: Promise<void> | null = null;
	private following: Promise<void> | null = null;
	private stopped = false;
	private readonly schedule: (run: () => void, ms: number) => () => void;
	private cancelTimer = () => {};
	/** A sync round ended or the network came back since the last pass began. */
	private reconnected = false;
	private readonly stops: (() => void)[] = [];

	constructor(private readonly options: EvidenceUploadOptions) {
		this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
		this.now = options.now ?? Date.now;
		this.schedule = options.schedule ?? scheduleTimer;
	}

	start(): void {
		const rounds = this.options.status$
			.pipe(
				map((status) => status.lastSyncedAt?.getTime() ?? null),
				filter((at) => at !== null),
				distinctUntilChanged()
			)
			.subscribe(() => void this.kick(true));
		this.stops.push(() => rounds.unsubscribe());
		const kick = () => void this.kick(true);
		for (const event of ['online', 'focus'] as const) {
			globalThis.addEventListener?.(event, kick);
			this.stops.push(() => globalThis.removeEventListener?.(event, kick));
		}
		void this.kick();
	}

	/**
	 * Tries what is due now. A kick while a pass runs gets one more pass after it (however many
	 * kicks came meanwhile), and resolves when that is done.
	 */
	kick(reconnected = false): Promise<void> {
		if (this.stopped) return Promise.resolve();
		this.reconnected ||= reconnected;
		if (this.running) {
			return (this.following ??= this.running.then(() => {
				this.following = null;
				return this.kick();
			}));
		}
		const urgent = this.reconnected;
		this.reconnected = false;
		this.running = this.pass(urgent)
			.catch((error: unknown) => {
				// Never left to reject: the kicks that came meanwhile still get their pass, and
				// the files are tried again after the first retry's wait.
				console.error('Uploading evidence files failed:', error);
				this.retryIn(retryDelayMs(1));
			})
			.finally(() => (this.running = null));
		return this.running;
	}

	/** Adds a file and tries it at once. */
	async add(entry: OutboxEntry): Promise<void> {
		await this.options.outbox.put(entry);
		await this.kick();
	}

	/** A file still waiting here, whichever document cites it. */
	async waiting(hash: string): Promise<OutboxEntry | undefined> {
		return (await this.options.outbox.entries()).find((entry) => entry.hash === hash);
	}

	stop(): void {
		this.stopped = true;
		this.cancelTimer();
		for (const stop of this.stops.splice(0)) stop();
	}

	private async pass(reconnected: boolean): Promise<void> {
		this.cancelTimer();
		const { outbox } = this.options;
		for (const entry of await outbox.entries()) {
			if (this.stopped || !isDue(entry, this.now(), reconnected)) continue;
			// Offline, a try can only fail: it would only lengthen the next wait.
			if (offline()) break;
			const verdict = afterAttempt(entry, await this.upload(entry), this.now());
			if (verdict.remove) await outbox.remove(entry);
			else await outbox.put(verdict.entry);
		}
		const left = await outbox.entries();
		this.waiting$.next(left.length);
		const due = nextDueAt(left);
		// Offline, the `online` event kicks: a timer for an entry already due would spin.
		if (due !== null && !offline()) this.retryIn(Math.max(0, due - this.now()));
	}

	private retryIn(ms: number): void {
		if (this.stopped) return;
		this.cancelTimer();
		this.cancelTimer = this.schedule(() => void this.kick(), ms);
	}

	private async upload(entry: OutboxEntry): Promise<UploadAnswer | null> {
		try {
			const response = await this.fetch(this.options.serverUrl + fileUrl(entry.hash, entry), {
				method: 'PUT',
				credentials: 'same-origin',
				headers: { 'content-type': entry.type },
				body: entry.blob,
				// A request the network swallowed must not hold every later file up for good.
				signal: AbortSignal.timeout(this.options.uploadTimeoutMs ?? UPLOAD_TIMEOUT_MS)
			});
			await response.body?.cancel();
			const retryAfter = Number(response.headers.get('retry-after'));
			return {
				status: response.status,
				...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {})
			};
		} catch {
			return null;
		}
	}
}

let current: EvidenceUploads | null = null;

/** Starts uploading the signed-in user's waiting files (device.svelte.ts, on opening a replica). */
export function startEvidenceUploads(options: EvidenceUploadOptions): EvidenceUploads {
	current?.stop();
	current = new EvidenceUploads(options);
	current.start();
	return current;
}

/** Stops uploading: signing out. */
export function stopEvidenceUploads(): void {
	current?.stop();
	current = null;
}

/** The running uploader, if someone is signed in. */
export function evidenceUploads(): EvidenceUploads | null {
	return current;
}
