import { performance } from 'node:perf_hooks';
import type { RunningServer } from '../tests/support/test-server';

export interface EndpointTime {
	count: number;
	/** Sum of the requests' own times (requests may overlap, so this can exceed the wall time). */
	ms: number;
}

/**
 * Notes how long the gateway spends producing responses (authentication, store reads, checks,
 * JSON) — per endpoint (`_changes`, `_all_docs`, `_bulk_docs`, …) and as busy time: the wall time
 * during which at least one request was being answered. Longpolls are left out: their time is
 * mostly waiting. Client and server share one process, so the rest of a sync's time is the
 * device's own work and the HTTP transfer.
 */
export class ServerTiming {
	private readonly times = new Map<string, EndpointTime>();
	private active = 0;
	private busySince = 0;
	private busyMs = 0;

	constructor(server: RunningServer) {
		const app = server.app;
		const handle = app.handle.bind(app);
		app.handle = (request) => {
			const url = new URL(request.url);
			if (url.searchParams.get('feed') === 'longpoll') return handle(request);
			const start = performance.now();
			if (this.active++ === 0) this.busySince = start;
			const done = () => {
				const end = performance.now();
				if (--this.active === 0) this.busyMs += end - this.busySince;
				const endpoint = url.pathname.split('/').filter(Boolean).at(-1) ?? '/';
				const entry = this.times.get(endpoint) ?? { count: 0, ms: 0 };
				entry.count++;
				entry.ms += end - start;
				this.times.set(endpoint, entry);
			};
			const response = handle(request);
			if (!response) {
				done();
				return response;
			}
			return response.finally(done);
		};
	}

	reset(): void {
		this.times.clear();
		this.busyMs = 0;
		if (this.active > 0) this.busySince = performance.now();
	}

	get(endpoint: string): EndpointTime {
		return this.times.get(endpoint) ?? { count: 0, ms: 0 };
	}

	/** Wall time since the last reset during which the gateway was answering a request. */
	get busy(): number {
		return this.busyMs + (this.active > 0 ? performance.now() - this.busySince : 0);
	}
}
