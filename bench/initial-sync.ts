import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAccount } from '../src/lib/server/accounts';
import { warmChannelIndex } from '../src/lib/server/couch-setup';
import { DEMO_PASSWORD } from '../src/lib/server/demo/demo-data';
import { type Database, type Store } from '../src/lib/server/store';
import { HttpClient } from '../tests/support/http-client';
import { startTestServer, type RunningServer } from '../tests/support/test-server';
import { BENCH_ORG, BENCH_SIGN_IN, SECRETARY_BRANCH, seedReportStore } from './fixtures';
import { NO_COUCH_MESSAGE, startPlainCouch } from './plain-couch';
import { ServerTiming } from './server-timing';
import { fmtList, fmtMB, fmtMs, log, median, since } from './support';
import { gatewaySync, plainSync, type DeviceSyncOptions, type SyncTiming } from './sync-device';

export interface InitialSyncOptions {
	largeStore: number;
	smallStore: number;
	visible: number;
	batchSize: number;
	/** Measured rounds (after one warm-up round that is not counted). */
	rounds: number;
}

type Series = { plain: number[]; small: number[]; large: number[] };

/** Bytes on disk after the index build: the reports database and the channel index. */
export interface DiskSize {
	reports: number;
	index: number;
}

export interface InitialSyncResult extends InitialSyncOptions {
	seedMs: { large: number; small: number; plain: number };
	indexMs: { large: number; small: number };
	diskBytes: { large: DiskSize; small: DiskSize };
	/** One `POST /api/session` (scrypt): inside the gateway device's total, not in its sync time. */
	signInMs: number;
	/** Per measured round, first replication request → in sync. */
	runs: Series;
	/** Per measured round, from the very start (device: sign-in and opening its database). */
	totalRuns: Series;
	/** Per measured round, the gateway's busy time (all its non-longpoll requests); NaN for the baseline. */
	serverRuns: Series;
	/** Medians of `runs`. */
	plainMs: number;
	smallMs: number;
	largeMs: number;
	/** (a) gateway on the large store ÷ plain endpoint holding only the visible documents. */
	gatewayVsPlain: number;
	/** (a) the same with the totals (sign-in and database open included). */
	gatewayVsPlainTotal: number;
	/** (b) gateway on the large store ÷ gateway on the small store. */
	largeVsSmall: number;
	/** Set when no CouchDB was found for the baseline: (a) has no ratio. */
	plainSkipped?: string;
}

export const SECRETARY = 'secretary.s';
const SYNC_TIMEOUT_MS = 180_000;

async function folderBytes(dir: string): Promise<number> {
	const sizes = await Promise.all(
		(await readdir(dir)).map(async (name) => (await stat(join(dir, name))).size)
	);
	return sizes.reduce((sum, size) => sum + size, 0);
}

/**
 * A LevelDB database is a folder; the channel index is one more beside the databases (only the
 * reports hold documents here). PouchDB views, if any were built, add `<db>-mrview-<hash>`.
 */
async function diskSize(db: Database): Promise<DiskSize> {
	const dir = dirname(db.name);
	const indexes = (await readdir(dir)).filter(
		(name) => name === 'baodao_channel-index' || name.startsWith(`${basename(db.name)}-mrview-`)
	);
	const index = await Promise.all(indexes.map((name) => folderBytes(join(dir, name))));
	return {
		reports: await folderBytes(db.name),
		index: index.reduce((sum, size) => sum + size, 0)
	};
}

/**
 * A gateway on a fresh embedded store of `total` reports, `visible` of them the secretary's, with
 * its channel index built (timed) and the secretary's account.
 */
export async function gatewayStore(total: number, visible: number) {
	const server = await startTestServer({ maxLongpollMs: 5_000, signIn: BENCH_SIGN_IN });
	const store = server.app.store;
	// The server warms the (empty) index in the background at start: let that finish first, so
	// no indexing overlaps the seeding and the build below is timed whole.
	await warmChannelIndex(store);
	let start = performance.now();
	await seedReportStore(store.db('reports'), total, visible);
	const seedMs = since(start);
	// The summary worker reads the new reports too (not through their channel index): let it
	// finish, so the build is timed on its own.
	await server.app.summaries?.idle();
	log(`  ${total} reports stored in ${fmtMs(seedMs)}; building the channel index…`);
	start = performance.now();
	await warmChannelIndex(store);
	const indexMs = since(start);
	const disk = await diskSize(store.db('reports'));
	log(
		`  channel index of ${total} documents built in ${fmtMs(indexMs)}; on disk ${fmtMB(disk.index)} (reports ${fmtMB(disk.reports)})`
	);
	await createSecretary(store);
	return { server, seedMs, indexMs, disk, timing: new ServerTiming(server) };
}

/** The account whose initial sync is timed: the secretary of the branch `brS`. */
export async function createSecretary(store: Store): Promise<void> {
	await createAccount(store.db('accounts'), {
		username: SECRETARY,
		password: DEMO_PASSWORD,
		displayName: 'Bench secretary',
		memberId: `${SECRETARY_BRANCH}sec`,
		branchId: SECRETARY_BRANCH,
		orgId: BENCH_ORG,
		roles: [{ role: 'member' }, { role: 'secretary', branchId: SECRETARY_BRANCH }]
	});
}

async function signInCost(server: RunningServer): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < 3; i++) {
		const client = new HttpClient(server.url);
		const start = performance.now();
		const response = await client.signIn(SECRETARY);
		await response.arrayBuffer();
		times.push(since(start));
	}
	return median(times);
}

export interface Job {
	name: string;
	run(): Promise<SyncTiming>;
	/** Server time answering `_changes` during the last run. */
	serverMs(): number;
}

/** Runs the jobs `rounds + 1` times, taking turns at going first; the first round is a warm-up. */
export async function rotate(jobs: Job[], rounds: number, label: string) {
	const sync = jobs.map(() => [] as number[]);
	const total = jobs.map(() => [] as number[]);
	const server = jobs.map(() => [] as number[]);
	for (let round = 0; round <= rounds; round++) {
		const timings: SyncTiming[] = [];
		const serverMs: number[] = [];
		for (let k = 0; k < jobs.length; k++) {
			const index = (k + round) % jobs.length;
			const job = jobs[index] as Job;
			timings[index] = await job.run();
			serverMs[index] = job.serverMs();
		}
		log(
			`  ${label} ${round === 0 ? 'warm-up' : `round ${round}`}: ` +
				jobs
					.map(
						(job, i) =>
							`${job.name} ${fmtMs(timings[i]?.syncMs ?? Number.NaN)} (server ${fmtMs(serverMs[i] ?? Number.NaN)}, total ${fmtMs(timings[i]?.totalMs ?? Number.NaN)})`
					)
					.join(', ')
		);
		if (round === 0) continue;
		jobs.forEach((_, i) => {
			sync[i]?.push(timings[i]?.syncMs ?? Number.NaN);
			total[i]?.push(timings[i]?.totalMs ?? Number.NaN);
			server[i]?.push(serverMs[i] ?? Number.NaN);
		});
	}
	return { sync, total, server };
}

/**
 * (a) and (b): a secretary's initial sync of the reports of their branch — through the gateway
 * from a large store and from a small one, and with plain RxDB from a plain CouchDB holding only
 * those reports (when a CouchDB is found, tests/support/real-couch.ts).
 */
export async function benchInitialSync(options: InitialSyncOptions): Promise<InitialSyncResult> {
	const servers: { close(): Promise<void> }[] = [];
	try {
		log(`initial sync: plain CouchDB with the ${options.visible} visible reports only`);
		const start = performance.now();
		const plain = await startPlainCouch(options.visible);
		const plainSeedMs = since(start);
		if (plain) servers.push(plain);
		else log(`${NO_COUCH_MESSAGE} (a) is measured without its baseline.`);

		log(`initial sync: gateway store of ${options.smallStore}`);
		const small = await gatewayStore(options.smallStore, options.visible);
		servers.push(small.server);
		log(`initial sync: gateway store of ${options.largeStore}`);
		const large = await gatewayStore(options.largeStore, options.visible);
		servers.push(large.server);

		const signInMs = await signInCost(large.server);
		const device: DeviceSyncOptions = {
			username: SECRETARY,
			batchSize: options.batchSize,
			expected: options.visible,
			timeoutMs: SYNC_TIMEOUT_MS
		};
		// CouchDB's own busy time is not observable from this process.
		const plainJobs: Job[] = plain
			? [
					{
						name: 'plain',
						run: () => plainSync(plain.endpoint, device),
						serverMs: () => Number.NaN
					}
				]
			: [];
		const gatewayJob = (name: string, store: typeof small): Job => ({
			name,
			run: () => (store.timing.reset(), gatewaySync(store.server, device)),
			serverMs: () => store.timing.busy
		});
		const jobs = [
			...plainJobs,
			gatewayJob(`gateway/${options.smallStore}`, small),
			gatewayJob(`gateway/${options.largeStore}`, large)
		];
		const measured = await rotate(jobs, options.rounds, 'initial sync');
		for (const server of servers.reverse()) await server.close();
		servers.length = 0;

		const series = (values: number[][]): Series => {
			const [small, large] = values.slice(plainJobs.length);
			return { plain: plain ? (values[0] ?? []) : [], small: small ?? [], large: large ?? [] };
		};
		const runs = series(measured.sync);
		const totalRuns = series(measured.total);
		log(
			`initial sync runs (ms): plain [${fmtList(runs.plain)}], gateway/${options.smallStore} [${fmtList(runs.small)}], gateway/${options.largeStore} [${fmtList(runs.large)}]`
		);

		return {
			...options,
			seedMs: { large: large.seedMs, small: small.seedMs, plain: plainSeedMs },
			indexMs: { large: large.indexMs, small: small.indexMs },
			diskBytes: { large: large.disk, small: small.disk },
			signInMs,
			runs,
			totalRuns,
			serverRuns: series(measured.server),
			plainMs: median(runs.plain),
			smallMs: median(runs.small),
			largeMs: median(runs.large),
			gatewayVsPlain: median(runs.large) / median(runs.plain),
			gatewayVsPlainTotal: median(totalRuns.large) / median(totalRuns.plain),
			largeVsSmall: median(runs.large) / median(runs.small),
			...(plain ? {} : { plainSkipped: 'no CouchDB found, no baseline' })
		};
	} finally {
		for (const server of servers.reverse()) await server.close().catch(() => undefined);
	}
}
