import { performance } from 'node:perf_hooks';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDatabase } from '../src/lib/db/database';
import { HttpClient } from '../tests/support/http-client';
import { InProcessDevice } from '../tests/support/in-process-device';
import type { RunningServer } from '../tests/support/test-server';
import { withTimeout } from './support';

/** Device-side timings of one initial sync. */
export interface SyncTiming {
	/** From the first replication request to in-sync: the figure the ratios use. */
	syncMs: number;
	/** From the very start: sign-in (gateway only) and opening the local database. */
	totalMs: number;
}

export interface DeviceSyncOptions {
	username: string;
	batchSize: number;
	/** How many reports the device must hold afterwards. */
	expected: number;
	timeoutMs: number;
}

/** A fetch that sends `cookie` (or `authorization`) and notes when the first request went out. */
function markingFetch(
	cookie: string | null,
	mark: { first?: number },
	authorization?: string
): typeof fetch {
	return (input, init = {}) => {
		mark.first ??= performance.now();
		const headers = new Headers(init.headers);
		if (cookie) headers.set('cookie', cookie);
		if (authorization) headers.set('authorization', authorization);
		return fetch(input, { ...init, headers });
	};
}

/** Where the baseline device pulls from: a reports database of a plain CouchDB-protocol server. */
export interface PlainEndpoint {
	/** The reports database's URL, without credentials (node's fetch takes none in a URL). */
	reportsUrl: string;
	/** `Basic …` for a server that wants its admin (a real CouchDB), else none. */
	authorization?: string;
}

/**
 * A real device through the gateway: signs in, opens its RxDB replica (memory storage, schema
 * validation on, as in the app) and starts the app's replication (reports, reviews and notices
 * live; the reference collections once), timed until `syncNow()` says everything is in sync.
 * The server holds no document of the other collections, so the time is that of the reports.
 */
export async function gatewaySync(
	server: RunningServer,
	options: DeviceSyncOptions
): Promise<SyncTiming> {
	// The replication's requests carry a session of their own, so the first of them can be timed.
	const session = new HttpClient(server.url);
	await (await session.signIn(options.username)).arrayBuffer();
	const mark: { first?: number } = {};
	const start = performance.now();
	const device = await InProcessDevice.signIn(server.url, options.username, {
		batchSize: options.batchSize,
		heartbeatMs: 5_000,
		fetch: markingFetch(session.cookie, mark)
	});
	try {
		await withTimeout('gateway initial sync', options.timeoutMs, device.sync());
		const end = performance.now();
		const count = await device.replica.db.reports.count().exec();
		if (count !== options.expected) {
			throw new Error(`The device holds ${count} reports, not ${options.expected}.`);
		}
		return { syncMs: end - (mark.first ?? start), totalMs: end - start };
	} finally {
		await device.close();
	}
}

let plainDevices = 0;

/**
 * The baseline device: the same RxDB database (all collections, same storage, same validation)
 * pulling the reports with RxDB's own `replicateCouchDB` straight from the plain endpoint.
 */
export async function plainSync(
	endpoint: PlainEndpoint,
	options: DeviceSyncOptions
): Promise<SyncTiming> {
	const mark: { first?: number } = {};
	const start = performance.now();
	const db = await openDatabase({
		name: `plain${++plainDevices}`,
		storage: getRxStorageMemory(),
		multiInstance: false,
		validate: true
	});
	try {
		const state = replicateCouchDB({
			replicationIdentifier: 'plain-reports',
			collection: db.collections.reports,
			url: endpoint.reportsUrl,
			live: true,
			retryTime: 100,
			waitForLeadership: false,
			autoStart: true,
			fetch: markingFetch(null, mark, endpoint.authorization),
			pull: { batchSize: options.batchSize, heartbeat: 5_000 }
		});
		const errors: unknown[] = [];
		state.error$.subscribe((error) => errors.push(error));
		await withTimeout('plain initial sync', options.timeoutMs, state.awaitInSync());
		const end = performance.now();
		await state.cancel();
		const count = await db.collections.reports.count().exec();
		if (count !== options.expected || errors.length) {
			throw new Error(`The baseline holds ${count} reports (${errors.length} errors).`);
		}
		return { syncMs: end - (mark.first ?? start), totalMs: end - start };
	} finally {
		await db.remove();
	}
}
