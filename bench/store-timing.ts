import { performance } from 'node:perf_hooks';
import type { Database } from '../src/lib/server/store';

export interface CallTime {
	count: number;
	/** Sum of the calls' own times (calls overlap, so this can exceed the wall time). */
	ms: number;
	/** Wall time during which at least one call was running. */
	busyMs: number;
}

type Method = 'allDocs' | 'bulkDocs';

/**
 * Times one method of a store database the gateway uses, as `ServerTiming` times requests: the
 * store hands out one PouchDB instance per database, so wrapping it sees every call the gateway
 * makes. Only the promise form is timed; the gateway uses no callbacks.
 */
export class StoreTiming {
	private time: CallTime = { count: 0, ms: 0, busyMs: 0 };
	private active = 0;
	private busySince = 0;

	constructor(db: Database, method: Method) {
		const original = db[method].bind(db) as (...args: unknown[]) => Promise<unknown>;
		const timed = (...args: unknown[]): Promise<unknown> => {
			const start = performance.now();
			if (this.active++ === 0) this.busySince = start;
			return original(...args).finally(() => {
				const end = performance.now();
				if (--this.active === 0) this.time.busyMs += end - this.busySince;
				this.time.count++;
				this.time.ms += end - start;
			});
		};
		// PouchDB's overloads cannot be spelled by a wrapper; at run time it is the same call.
		(db as unknown as Record<Method, unknown>)[method] = timed;
	}

	reset(): void {
		this.time = { count: 0, ms: 0, busyMs: 0 };
		if (this.active > 0) this.busySince = performance.now();
	}

	get(): CallTime {
		const open = this.active > 0 ? performance.now() - this.busySince : 0;
		return { ...this.time, busyMs: this.time.busyMs + open };
	}
}
