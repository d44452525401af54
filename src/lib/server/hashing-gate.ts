import { availableParallelism } from 'node:os';

/** The gate's queue is full: the sign-in is answered 503 at once. */
export class HashingBusy extends Error {
	constructor() {
		super('Too many sign-ins are being checked at once.');
	}
}

export interface HashingGateOptions {
	/** Hashes run at once (the pool has 4 threads; the store needs the rest). */
	concurrent: number;
	/** Hashes that may wait for a turn before the gate refuses. */
	queued: number;
}

/**
 * Hashing never takes every core: on two cores one hash at a time, else two. A waiting sign-in
 * costs next to nothing, while a refused one is retried at once by a flood and costs a request
 * each time: the queue holds any office's Monday morning and a flood of a few hundred (at ~40 ms a
 * hash, the last of 512 waits 10–20 s), and is still bounded.
 */
export const DEFAULT_HASHING_GATE: HashingGateOptions = {
	concurrent: Math.max(1, Math.min(2, availableParallelism() - 1)),
	queued: 512
};

/**
 * Password hashing (scrypt) runs in libuv's thread pool, which the embedded store's LevelDB
 * shares: a flood of sign-ins would otherwise take every thread and stall everyone's sync. The
 * gate lets a few hashes run at once and a bounded number wait; beyond that it refuses at once,
 * so a flood costs the server a quick answer rather than an ever-growing queue.
 */
export class HashingGate {
	private running = 0;
	private readonly waiting: (() => void)[] = [];

	constructor(private readonly options: HashingGateOptions = DEFAULT_HASHING_GATE) {}

	/** Whether `run` would refuse now: lets a caller refuse before doing any other work. */
	get full(): boolean {
		return this.running >= this.options.concurrent && this.waiting.length >= this.options.queued;
	}

	/** Runs `task` when a slot is free; throws HashingBusy when the queue is full. */
	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.running >= this.options.concurrent) {
			if (this.waiting.length >= this.options.queued) throw new HashingBusy();
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.running++;
		}
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			// The slot passes straight to the next in line, so `running` never dips in between.
			if (next) next();
			else this.running--;
		}
	}
}
