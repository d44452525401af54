import { randomBytes } from 'node:crypto';
import { Lease } from './lease';
import type { Database } from './store';

/** A checkpoint in `config`: where a worker has read its feeds up to. */
export interface CheckpointDoc {
	_id: string;
	_rev?: string;
}

type PlainDoc = Record<string, unknown>;

export interface LeasedWorkerSetup {
	/** The `config` database, which holds the lease and the checkpoint. */
	config: Database;
	leaseId: string;
	checkpointId: string;
	/** How long the lease lasts without renewal; the holder renews it at a third of that. */
	leaseMs: number;
	/** What the log calls the lease ("the summary lease") and a failed step. */
	name: string;
	failure: string;
}

class LeaseLost extends Error {
	constructor(name: string) {
		super(`The ${name} lease was lost.`);
	}
}

/**
 * The skeleton of a server worker that one process of a deployment runs, the one holding its
 * lease: it claims and renews the lease, follows the change hubs while holding it, catches up
 * from its checkpoint when woken, and answers `idle()` once a step has included every change
 * stored before the call. A subclass says what wakes it (`follow`) and what a step does
 * (`catchUp`), and may wait before a step (`beforeStep`).
 */
export abstract class LeasedWorker {
	readonly lease: Lease;
	protected readonly renewEvery: number;
	protected closed = false;
	/** Something asked for a step: a change, or an `idle()` request. */
	protected dirty = true;
	private requested = 0;
	/** The last `requested` generation caught up with. */
	private settled = 0;
	private loop: Promise<void> | null = null;
	private wake: (() => void) | null = null;
	private readonly waiters: { generation: number; resolve: () => void }[] = [];
	private unwatch: (() => void)[] = [];
	private renewal: ReturnType<typeof setInterval> | undefined;
	private renewalClaim: Promise<unknown> | null = null;

	constructor(private readonly setup: LeasedWorkerSetup) {
		this.lease = new Lease(
			setup.config,
			setup.leaseId,
			`${process.pid}-${randomBytes(6).toString('hex')}`,
			setup.leaseMs
		);
		this.renewEvery = Math.max(10, Math.floor(setup.leaseMs / 3));
	}

	/** Subscribes to the changes that wake the worker; returns how to unsubscribe each. */
	protected abstract follow(): (() => void)[];

	/** Reads the feeds to their end from the checkpoint, doing the work they ask for. */
	protected abstract catchUp(): Promise<void>;

	/** Runs before each step, while holding the lease. */
	protected async beforeStep(): Promise<void> {}

	start(): void {
		this.loop ??= this.run();
	}

	/**
	 * Resolves once a step includes every change stored before the call. Only the lease holder
	 * steps: in another process this waits until it holds the lease.
	 */
	idle(): Promise<void> {
		const generation = ++this.requested;
		const done = new Promise<void>((resolve) => this.waiters.push({ generation, resolve }));
		this.poke();
		return done;
	}

	async close(): Promise<void> {
		this.closed = true;
		this.renewing(false);
		this.poke();
		await this.loop;
		await this.renewalClaim;
		this.stopFollowing();
		await this.lease.release().catch(() => undefined);
	}

	protected poke(): void {
		this.dirty = true;
		this.wake?.();
	}

	/** Whether an `idle()` call waits for a step. */
	protected get requestPending(): boolean {
		return this.requested !== this.settled;
	}

	/** Waits `ms`, or less if poked. */
	protected async sleep(ms: number): Promise<void> {
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, ms);
			this.wake = () => {
				clearTimeout(timer);
				resolve();
			};
		});
		this.wake = null;
	}

	/** Nothing is written without the lease: another process may have taken it over. */
	protected keepLease(): void {
		if (this.closed || !this.lease.held) throw new LeaseLost(this.setup.name);
	}

	protected async readCheckpoint<C extends CheckpointDoc>(): Promise<C | null> {
		return (await this.setup.config.get(this.setup.checkpointId).catch(() => null)) as C | null;
	}

	protected async saveCheckpoint<C extends CheckpointDoc>(checkpoint: C): Promise<C> {
		this.keepLease();
		// PouchDB's `put` takes a plain document, which every checkpoint is.
		const doc = { ...checkpoint } as PlainDoc & CheckpointDoc;
		const result = await this.setup.config.put(doc);
		return { ...checkpoint, _rev: result.rev };
	}

	private async run(): Promise<void> {
		while (!this.closed) {
			let holding = this.lease.held;
			try {
				holding ||= await this.lease.claim();
			} catch (error) {
				console.error(`Claiming the ${this.setup.name} lease failed:`, error);
			}
			this.renewing(holding);
			if (!holding) {
				this.stopFollowing();
				await this.restFor(this.renewEvery);
				continue;
			}
			if (!this.unwatch.length) this.unwatch = this.follow();
			try {
				await this.beforeStep();
				this.dirty = false;
				const generation = this.requested;
				await this.catchUp();
				this.settleWaiters(generation);
			} catch (error) {
				if (!(error instanceof LeaseLost)) console.error(this.setup.failure, error);
				this.dirty = true;
				await this.restFor(this.renewEvery);
				continue;
			}
			await this.rest(this.renewEvery);
		}
	}

	/** Waits for a change, a request or the timeout, whichever comes first. */
	private async rest(ms: number): Promise<void> {
		if (this.closed || this.dirty) return;
		await this.sleep(ms);
	}

	/** Rests without a pending request cutting it short (after a failure, or while not holding). */
	private async restFor(ms: number): Promise<void> {
		const dirty = this.dirty;
		this.dirty = false;
		await this.rest(ms);
		this.dirty ||= dirty;
	}

	private settleWaiters(generation: number): void {
		this.settled = Math.max(this.settled, generation);
		for (let i = this.waiters.length - 1; i >= 0; i--) {
			const waiter = this.waiters[i];
			if (waiter && waiter.generation <= generation) {
				this.waiters.splice(i, 1);
				waiter.resolve();
			}
		}
	}

	private stopFollowing(): void {
		for (const unwatch of this.unwatch) unwatch();
		this.unwatch = [];
	}

	/**
	 * Renews the lease on a timer while holding it, so that a long step (a sweep, an index built
	 * on first use) does not let it expire and hand the work to another process halfway.
	 */
	private renewing(on: boolean): void {
		if (!on || this.closed) {
			clearInterval(this.renewal);
			this.renewal = undefined;
			return;
		}
		if (this.renewal) return;
		this.renewal = setInterval(() => {
			this.renewalClaim ??= this.lease
				.claim()
				.catch(() => false)
				.finally(() => (this.renewalClaim = null));
		}, this.renewEvery);
	}
}
