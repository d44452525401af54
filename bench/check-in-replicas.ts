import { performance } from 'node:perf_hooks';
import { filter, firstValueFrom, pairwise } from 'rxjs';
import type { Attendance } from '../src/lib/domain/registry';
import { InProcessDevice } from '../tests/support/in-process-device';
import type { RunningServer } from '../tests/support/test-server';
import type { EndpointTime, ServerTiming } from './server-timing';
import { since, withTimeout } from './support';

/**
 * Open-source RxDB allows 13 open collections in a process: three phones with `activities` and
 * `attendance` leave room for the other benches' devices.
 */
export const REPLICA_PHONES = 3;

export interface ReplicaCheck {
	phones: number;
	/** From the local writes until every phone's pending count is back to 0. */
	ms: number;
	allDocs: EndpointTime;
	bulkDocs: EndpointTime;
}

const TIMEOUT_MS = 60_000;

/**
 * The real client path beside the simulated one: real RxDB replicas (the app's `Replica`, live
 * `attendance`) each store their check-ins in one local write at the same moment and push them on
 * their own. It shows the requests the simulated phones make are the ones the app makes: one
 * `POST _bulk_docs` per phone for a batch of ten, and no `_all_docs` (creation-pushes.ts).
 */
export async function pushFromReplicas(
	server: RunningServer,
	timing: ServerTiming,
	batches: readonly { username: string; docs: Attendance[] }[]
): Promise<ReplicaCheck> {
	const devices: InProcessDevice[] = [];
	try {
		for (const { username } of batches) {
			devices.push(
				await InProcessDevice.signIn(server.url, username, {
					collections: ['activities', 'attendance'],
					heartbeatMs: 5_000
				})
			);
		}
		await withTimeout(
			'replica phones in sync',
			TIMEOUT_MS,
			Promise.all(devices.map((d) => d.sync()))
		);
		const drained = devices.map((device) =>
			firstValueFrom(
				device.replica.status$.pipe(
					pairwise(),
					filter(([before, now]) => before.pending > 0 && now.pending === 0)
				)
			)
		);
		timing.reset();
		const start = performance.now();
		await Promise.all(
			devices.map((device, i) => device.replica.db.attendance.bulkInsert(batches[i]?.docs ?? []))
		);
		await withTimeout('replica phones push', TIMEOUT_MS, Promise.all(drained));
		return {
			phones: devices.length,
			ms: since(start),
			allDocs: timing.get('_all_docs'),
			bulkDocs: timing.get('_bulk_docs')
		};
	} finally {
		await Promise.all(devices.map((device) => device.close().catch(() => undefined)));
	}
}
