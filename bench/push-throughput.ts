import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import { filter, firstValueFrom, pairwise } from 'rxjs';
import { withChannels } from '../src/lib/domain/access/write-policy';
import type { Member } from '../src/lib/domain/registry';
import { createAccount } from '../src/lib/server/accounts';
import { DEMO_PASSWORD } from '../src/lib/server/demo/demo-data';
import { toStored } from '../src/lib/server/demo/demo-seed';
import { InProcessDevice } from '../tests/support/in-process-device';
import { startTestServer } from '../tests/support/test-server';
import { putAll, type StoredDoc } from './fixtures';
import { profiled } from './cpu-profile';
import { ServerTiming } from './server-timing';
import { fmtList, log, median, since, withTimeout } from './support';

export interface PushOptions {
	docs: number;
	batchSize: number;
	/** Measured runs, each with its own new documents (after one warm-up run). */
	runs: number;
	/**
	 * A real CouchDB (base URL with the admin's credentials) and a database prefix: the gateway
	 * runs on it, and the direct baseline writes into a fresh database of it. Default: the
	 * embedded store, and a fresh LevelDB PouchDB for the baseline.
	 */
	couch?: { url: string; prefix: string };
}

export interface PushResult extends PushOptions {
	/** Device: local bulkInsert until the gateway has acknowledged every document. */
	gatewayRuns: number[];
	/** Of which the local RxDB write (bulkInsert) alone. */
	localWriteRuns: number[];
	/** Baseline: bulkDocs of the same documents into a fresh store, in batches of batchSize. */
	directRuns: number[];
	/** Baseline variant: one bulkDocs of all documents. */
	directSingleRuns: number[];
	/**
	 * Per run, the gateway's busy time: wall time during which it was answering `_bulk_docs` or
	 * `_all_docs` (the plugin reads the current revisions before a push batch unless all of it
	 * is new, creation-pushes.ts; batches go concurrently).
	 */
	serverBusyRuns: number[];
	gatewayMs: number;
	directMs: number;
	directSingleMs: number;
	gatewayDocsPerSecond: number;
	directDocsPerSecond: number;
	/** How many times the direct write is faster. */
	ratio: number;
}

const PUSH_TIMEOUT_MS = 120_000;
const OFFICE = 'pusher';
const ORG = 'orgP';

/**
 * The run's new member profiles, as the bureau's office enters a branch's roster on its device:
 * creations of one kind whose policy reads nothing more (the office of the bureau may write it).
 */
function runDocs(run: number, count: number): Member[] {
	const updatedAt = new Date().toISOString();
	return Array.from({ length: count }, (_, i) =>
		withChannels('members', {
			id: `mP${run}x${i}`,
			orgId: ORG,
			branchId: `brP${i % 20}`,
			name: `党员${run}-${i}`,
			residenceCommunityId: 'cmP',
			skills: [],
			interests: [],
			duties: [],
			updatedAt,
			channels: []
		})
	);
}

let directDatabases = 0;

/** A fresh database of the same kind of store as the gateway's, removed after the write. */
async function directWrite(
	docs: readonly StoredDoc[],
	batchSize: number,
	couch: PushOptions['couch']
): Promise<number> {
	const dir = couch ? null : await mkdtemp(join(tmpdir(), 'baodao-bench-direct-'));
	const name = `${couch?.prefix ?? ''}direct${++directDatabases}`;
	const db = new PouchDB<Record<string, unknown>>(
		dir ? join(dir, 'members') : `${couch?.url.replace(/\/+$/, '')}/${name}`
	);
	try {
		await db.info();
		const start = performance.now();
		await putAll(db, docs, batchSize);
		return since(start);
	} finally {
		if (dir) {
			await db.close();
			await rm(dir, { recursive: true, force: true });
		} else await db.destroy();
	}
}

/**
 * (d) The office's device pushes 1,000 new member profiles through the gateway vs bulkDocs straight
 * into a store. (Before issue 12 a member pushed 1,000 reports of their own; a member may now hold
 * one residence report, to where their profile says they live.)
 */
export async function benchPushThroughput(options: PushOptions): Promise<PushResult> {
	const server = await startTestServer(
		options.couch ? { couchUrl: options.couch.url, prefix: options.couch.prefix } : {}
	);
	let device: InProcessDevice | undefined;
	try {
		const store = server.app.store;
		await createAccount(store.db('accounts'), {
			username: OFFICE,
			password: DEMO_PASSWORD,
			displayName: 'Bench office',
			orgId: ORG,
			roles: [{ role: 'office', orgId: ORG }]
		});
		device = await InProcessDevice.signIn(server.url, OFFICE, {
			batchSize: options.batchSize,
			heartbeatMs: 5_000,
			collections: ['members', 'notices']
		});
		await withTimeout('first sync', PUSH_TIMEOUT_MS, device.sync());
		const replica = device.replica;
		const serverMembers = store.db('members');

		const result: Omit<
			PushResult,
			| 'gatewayMs'
			| 'directMs'
			| 'directSingleMs'
			| 'gatewayDocsPerSecond'
			| 'directDocsPerSecond'
			| 'ratio'
		> = {
			...options,
			gatewayRuns: [],
			localWriteRuns: [],
			directRuns: [],
			directSingleRuns: [],
			serverBusyRuns: []
		};
		const timing = new ServerTiming(server);
		for (let run = 0; run <= options.runs; run++) {
			const docs = runDocs(run, options.docs);
			// Each run starts with the summary worker done with the previous one (check-in-burst.ts).
			await server.app.summaries?.idle();
			// Pending goes from 0 to all of them when the local write lands, and back to 0 once the
			// gateway has acknowledged the last one.
			const drained = firstValueFrom(
				replica.status$.pipe(
					pairwise(),
					filter(([before, now]) => before.pending > 0 && now.pending === 0)
				)
			);
			timing.reset();
			const start = performance.now();
			let localMs = 0;
			const push = async () => {
				await replica.db.members.bulkInsert(docs);
				localMs = since(start);
				await withTimeout('push through the gateway', PUSH_TIMEOUT_MS, drained);
			};
			await (run === 0 ? push() : profiled('push', push));
			const gatewayMs = since(start);
			const bulk = timing.get('_bulk_docs');
			const lookups = timing.get('_all_docs');
			const busy = timing.busy;

			const stored = await serverMembers.allDocs({ keys: docs.map((d) => d.id) });
			const missing = stored.rows.filter((row) => 'error' in row).length;
			if (missing) throw new Error(`${missing} pushed profiles are not on the server.`);
			const refused = (await store.db('rejections').allDocs({ limit: 1 })).rows.length;
			if (refused) throw new Error('The gateway refused pushed profiles.');

			const storedDocs = docs.map((doc) => toStored({ ...doc }));
			const directMs = await directWrite(storedDocs, options.batchSize, options.couch);
			const directSingleMs = await directWrite(storedDocs, storedDocs.length, options.couch);
			log(
				`  ${run === 0 ? 'warm-up' : `run ${run}`}: device→gateway ${gatewayMs.toFixed(0)} ms (local write ${localMs.toFixed(0)} ms; server busy ${busy.toFixed(0)} ms for ${bulk.count}× _bulk_docs + ${lookups.count}× _all_docs), direct bulkDocs ${directMs.toFixed(0)} ms (one call: ${directSingleMs.toFixed(0)} ms)`
			);
			if (run === 0) continue;
			result.gatewayRuns.push(gatewayMs);
			result.localWriteRuns.push(localMs);
			result.directRuns.push(directMs);
			result.directSingleRuns.push(directSingleMs);
			result.serverBusyRuns.push(busy);
		}
		const gatewayMs = median(result.gatewayRuns);
		const directMs = median(result.directRuns);
		log(
			`push runs (ms): gateway [${fmtList(result.gatewayRuns)}], direct [${fmtList(result.directRuns)}]`
		);
		return {
			...result,
			gatewayMs,
			directMs,
			directSingleMs: median(result.directSingleRuns),
			gatewayDocsPerSecond: options.docs / (gatewayMs / 1000),
			directDocsPerSecond: options.docs / (directMs / 1000),
			ratio: gatewayMs / directMs
		};
	} finally {
		await device?.close().catch(() => undefined);
		await server.close();
	}
}
