import { performance } from 'node:perf_hooks';
import { applyCouchSetup, warmChannelIndex } from '../src/lib/server/couch-setup';
import { openStore, type Store } from '../src/lib/server/store';
import {
	dropCouchDatabases,
	findCouchSource,
	NO_COUCH_MESSAGE,
	startRealCouch,
	type CouchSource
} from '../tests/support/real-couch';
import { startTestServer, type RunningServer } from '../tests/support/test-server';
import { couchAdmin, type CouchAdmin } from './couch-admin';
import { benchAppProcess, type AppProcessResult } from './couch-process';
import { startBenchCluster } from './couch-cluster';
import {
	BENCH_SIGN_IN,
	SECRETARY_BRANCH,
	branchReport,
	putAll,
	seedReportStore,
	type StoredDoc
} from './fixtures';
import { createSecretary, gatewayStore, rotate, SECRETARY, type Job } from './initial-sync';
import { plainReportsOn } from './plain-couch';
import { benchPushThroughput, type PushResult } from './push-throughput';
import { indexRows, type Row } from './report';
import { ServerTiming } from './server-timing';
import { fmtList, fmtMB, fmtMs, log, median, since } from './support';
import { gatewaySync, plainSync, type DeviceSyncOptions } from './sync-device';
import { toStored } from '../src/lib/server/demo/demo-seed';

export interface CouchStoreOptions {
	largeStore: number;
	smallStore: number;
	visible: number;
	batchSize: number;
	rounds: number;
	pushDocs: number;
	pushRuns: number;
	/** Devices connected to the built app in (n). */
	processDevices: number;
	/** The build (n) runs. */
	buildDir: string;
}

/** The channel index (the view `channels/by_channel`) of one store's reports on CouchDB. */
export interface CouchIndexBuild {
	where: 'node' | 'cluster';
	docs: number;
	seedMs: number;
	/** The first query after putting the design document back: the whole build. */
	indexMs: number;
	/** `sizes.file` right after the build: the reports database and the view index. */
	disk: { reports: number; index: number };
	/** `sizes.active`, the live data in those files. */
	active: { reports: number; index: number };
	/** The view index compacted (`_compact/channels`): how long, and its file afterwards. */
	compactMs: number;
	compactedIndex: number;
	/** The secretary's channel read through the index in pages of the batch size. */
	walkMs: number;
	/** Reports written after the build, and the next query's time (it brings the view up to date). */
	updates: { writes: number; ms: number }[];
}

/** One store's initial syncs, as in (a): medians over the measured rounds. */
export interface CouchSyncSeries {
	name: string;
	runs: number[];
	serverRuns: number[];
	ms: number;
	serverMs: number;
}

export interface CouchStoreResult extends CouchStoreOptions {
	/** Set when no CouchDB was found: nothing else was measured. */
	skipped?: string;
	/** Set when the cluster could not be started (e.g. a `COUCHDB_TEST_URL` server). */
	clusterSkipped?: string;
	index: CouchIndexBuild[];
	/** Plain CouchDB (the visible reports only) first, then the gateway on each store. */
	sync: CouchSyncSeries[];
	push: { name: string; result: PushResult }[];
	/** (n) The built app's process on the node, or why it was not measured. */
	process?: AppProcessResult | string;
}

const SYNC_TIMEOUT_MS = 180_000;
const COMPACTION_TIMEOUT_MS = 300_000;
/** Reports written after a build, to see what the next query pays for bringing the view up. */
const UPDATE_WRITES = [1, 100, 1_000];

/**
 * Queries the index until it answers. CouchDB answers a view query that waits longer than its
 * `fabric` `request_timeout` (60 s by default) with `500 timeout` while the build goes on, as a
 * large database's does on a busy machine; so does the app's warm-up at start.
 */
async function untilBuilt(store: Store): Promise<void> {
	for (;;) {
		try {
			return await warmChannelIndex(store);
		} catch (error) {
			if ((error as { name?: string }).name !== 'timeout') throw error;
			log('  (the view query timed out at CouchDB; the build goes on, asking again)');
		}
	}
}

/** Reads a channel through the index to its end, as the initial sync's walk does. */
async function walkChannel(store: Store, channel: string, page: number) {
	const read = store.channelIndex.reader('reports');
	const start = performance.now();
	let after = '';
	let docs = 0;
	for (let more = true; more;) {
		const result = await read(channel, after, page);
		docs += result.docs.length;
		after = result.last;
		more = result.more;
	}
	return { docs, ms: since(start) };
}

/** Reports of a branch no account sees, written in one `bulkDocs`, then the view brought up to date. */
async function timedUpdate(store: Store, round: number, writes: number) {
	const docs = Array.from(
		{ length: writes },
		(_, n) => toStored({ ...branchReport(`bw${round}`, n) }) as StoredDoc
	);
	await putAll(store.db('reports'), docs);
	const start = performance.now();
	await warmChannelIndex(store);
	return { writes, ms: since(start) };
}

/**
 * The build as a deployment of a changed design document costs it: the reports are seeded
 * without `_design/channels` (CouchDB would otherwise index in the background as they arrive
 * and the build hide inside the seeding), then it is put back and the first query timed.
 */
async function buildIndex(
	url: string,
	admin: CouchAdmin,
	where: CouchIndexBuild['where'],
	prefix: string,
	docs: number,
	options: CouchStoreOptions
): Promise<CouchIndexBuild> {
	const store = openStore({ couchUrl: url, prefix });
	try {
		await applyCouchSetup(store);
		const reports = store.db('reports');
		await reports.remove(await reports.get('_design/channels'));
		let start = performance.now();
		await seedReportStore(reports, docs, options.visible);
		const seedMs = since(start);
		await applyCouchSetup(store);
		start = performance.now();
		await untilBuilt(store);
		const indexMs = since(start);
		const db = `${prefix}reports`;
		const dbSizes = await admin.databaseSizes(db);
		const viewSizes = await admin.viewSizes(db, 'channels');
		start = performance.now();
		await admin.compactView(db, 'channels', COMPACTION_TIMEOUT_MS);
		const compactMs = since(start);
		const compactedIndex = (await admin.viewSizes(db, 'channels')).file;
		const walk = await walkChannel(store, `branch:${SECRETARY_BRANCH}`, options.batchSize);
		if (walk.docs !== options.visible) {
			throw new Error(`The CouchDB walk read ${walk.docs} of ${options.visible}.`);
		}
		const updates = [];
		for (const [round, writes] of UPDATE_WRITES.entries())
			updates.push(await timedUpdate(store, round, writes));
		const build: CouchIndexBuild = {
			where,
			docs,
			seedMs,
			indexMs,
			disk: { reports: dbSizes.file, index: viewSizes.file },
			active: { reports: dbSizes.active, index: viewSizes.active },
			compactMs,
			compactedIndex,
			walkMs: walk.ms,
			updates
		};
		log(
			`  ${where}: ${docs} reports stored in ${fmtMs(seedMs)}; channel index built in ${fmtMs(indexMs)} ` +
				`(${(indexMs / docs).toFixed(3)} ms/doc); index file ${fmtMB(viewSizes.file)} (live ${fmtMB(viewSizes.active)}), ` +
				`${fmtMB(compactedIndex)} after compaction (${fmtMs(compactMs)}); reports file ${fmtMB(dbSizes.file)} ` +
				`(live ${fmtMB(dbSizes.active)}); ${walk.docs} read through it in ${fmtMs(walk.ms)}; ` +
				`next query after writing ${updates.map((u) => `${u.writes}: ${fmtMs(u.ms)}`).join(', ')}`
		);
		return build;
	} finally {
		await store.close();
	}
}

/** A gateway on the CouchDB databases of `prefix` (already seeded and indexed), with the secretary. */
async function couchGateway(url: string, prefix: string) {
	const server = await startTestServer({
		couchUrl: url,
		prefix,
		maxLongpollMs: 5_000,
		signIn: BENCH_SIGN_IN
	});
	await warmChannelIndex(server.app.store);
	await server.app.summaries?.idle();
	await createSecretary(server.app.store);
	return { server, timing: new ServerTiming(server) };
}

function gatewayJob(name: string, gateway: { server: RunningServer; timing: ServerTiming }) {
	return (device: DeviceSyncOptions): Job => ({
		name,
		run: () => (gateway.timing.reset(), gatewaySync(gateway.server, device)),
		serverMs: () => gateway.timing.busy
	});
}

/**
 * (m) The gateway on a real Apache CouchDB 3: the channel index's build, size, compaction and
 * update on write for both store sizes on a single node (and the small one on a three-node
 * cluster); the secretary's initial sync on the embedded store, on the node and on the cluster
 * against plain CouchDB replication of only the visible reports; and the push of (d) on each.
 * Skipped, with one line saying so, when no CouchDB is found (tests/support/real-couch.ts).
 */
export async function benchCouchStore(options: CouchStoreOptions): Promise<CouchStoreResult> {
	const result: CouchStoreResult = { ...options, index: [], sync: [], push: [] };
	const source = findCouchSource();
	if (!source) {
		log(NO_COUCH_MESSAGE);
		return {
			...result,
			skipped: 'no CouchDB found (COUCHDB_TEST_URL, ../shared/couchdb, /opt/couchdb), skipped'
		};
	}
	const closing: { close(): Promise<void> }[] = [];
	const servers: RunningServer[] = [];
	try {
		const node = await startRealCouch(source);
		closing.push(node);
		if (source.kind === 'url') {
			// A server of the caller's: the bench's databases (all named `bench…`) go before and after.
			await dropCouchDatabases(node.url, 'bench');
			closing.push({ close: () => dropCouchDatabases(node.url, 'bench') });
		}
		const admin = couchAdmin(node.url);
		const version = (await admin.request('GET', '/'))['version'];
		log(`CouchDB ${String(version)} single node at ${admin.origin}`);
		const sizes = [options.smallStore, options.largeStore];
		for (const docs of sizes)
			result.index.push(await buildIndex(node.url, admin, 'node', `bench${docs}_`, docs, options));

		const cluster = await startCluster(source);
		if (typeof cluster === 'string') result.clusterSkipped = cluster;
		else {
			closing.push(cluster.handle);
			result.index.push(
				await buildIndex(
					cluster.url,
					couchAdmin(cluster.url),
					'cluster',
					`bench${options.smallStore}_`,
					options.smallStore,
					options
				)
			);
		}

		log(`initial sync on CouchDB: plain CouchDB with the ${options.visible} visible reports only`);
		const plain = await plainReportsOn(node.url, options.visible);
		log(`initial sync on CouchDB: gateway on the embedded store of ${options.largeStore}`);
		const embedded = await gatewayStore(options.largeStore, options.visible);
		servers.push(embedded.server);
		const gateways: [string, { server: RunningServer; timing: ServerTiming }][] = [
			[`embedded/${options.largeStore}`, embedded]
		];
		for (const docs of sizes) {
			const gateway = await couchGateway(node.url, `bench${docs}_`);
			servers.push(gateway.server);
			gateways.push([`CouchDB/${docs}`, gateway]);
		}
		if (typeof cluster !== 'string') {
			const gateway = await couchGateway(cluster.url, `bench${options.smallStore}_`);
			servers.push(gateway.server);
			gateways.push([`cluster/${options.smallStore}`, gateway]);
		}
		const device: DeviceSyncOptions = {
			username: SECRETARY,
			batchSize: options.batchSize,
			expected: options.visible,
			timeoutMs: SYNC_TIMEOUT_MS
		};
		const plainJob: Job = {
			name: 'plain CouchDB',
			run: () => plainSync(plain, device),
			// CouchDB's own busy time is not observable from this process.
			serverMs: () => Number.NaN
		};
		const jobs = [
			plainJob,
			...gateways.map(([name, gateway]) => gatewayJob(name, gateway)(device))
		];
		const measured = await rotate(jobs, options.rounds, 'initial sync on CouchDB');
		result.sync = jobs.map((job, i) => {
			const runs = measured.sync[i] ?? [];
			const serverRuns = measured.server[i] ?? [];
			return { name: job.name, runs, serverRuns, ms: median(runs), serverMs: median(serverRuns) };
		});
		for (const series of result.sync)
			log(`  initial sync runs (ms), ${series.name}: [${fmtList(series.runs)}]`);
		for (const server of servers.splice(0)) await server.close();

		const pushStores: [string, { url: string; prefix: string } | undefined][] = [
			['embedded', undefined],
			['CouchDB', { url: node.url, prefix: 'benchpush_' }]
		];
		if (typeof cluster !== 'string')
			pushStores.push(['cluster', { url: cluster.url, prefix: 'benchpush_' }]);
		for (const [name, couch] of pushStores) {
			log(`(m) push throughput on ${name}: ${options.pushDocs} documents`);
			const push = await benchPushThroughput({
				docs: options.pushDocs,
				batchSize: options.batchSize,
				runs: options.pushRuns,
				...(couch ? { couch } : {})
			});
			result.push.push({ name, result: push });
		}
		log(`(n) the built app on CouchDB: ${options.processDevices} devices`);
		result.process = await benchAppProcess(node.url, options.processDevices, options.buildDir);
		if (typeof result.process === 'string') log(`  skipped: ${result.process}`);
		return result;
	} finally {
		for (const closable of [...servers, ...closing.reverse()])
			await closable.close().catch(() => undefined);
	}
}

/** The three-node cluster, or why there is none. */
async function startCluster(
	source: CouchSource
): Promise<string | { url: string; handle: { close(): Promise<void> } }> {
	if (source.kind !== 'scripts') return `no cluster from a CouchDB of kind ${source.kind}`;
	const cluster = await startBenchCluster(source);
	const url = cluster.nodes[0];
	if (!url) {
		await cluster.close();
		return 'the cluster printed no node URL';
	}
	log(`CouchDB cluster of ${cluster.nodes.length} nodes; the gateway talks to the first`);
	return { url, handle: cluster };
}

/** The summary rows of (m). */
export function couchRows(result: CouchStoreResult): Row[] {
	if (result.skipped) return [[`(m) CouchDB: ${result.skipped}`, '', '', '', '', '']];
	const rows: Row[] = [];
	for (const where of ['node', 'cluster'] as const) {
		const builds = result.index.filter((build) => build.where === where);
		rows.push(
			...indexRows(where === 'node' ? 'CouchDB' : 'CouchDB cluster', builds),
			...builds.map((build): Row => [
				`    index after compaction, ${build.docs.toLocaleString('en-US')} docs, ${where}`,
				fmtMB(build.compactedIndex),
				`${fmtMB(build.disk.reports)} reports db`,
				`${(build.compactedIndex / build.disk.reports).toFixed(2)}×`,
				'(info)',
				''
			])
		);
	}
	const [plain, ...gateways] = result.sync;
	if (plain) {
		for (const series of gateways) {
			rows.push([
				`(m) initial sync ${result.visible.toLocaleString('en-US')}, gateway on ${series.name}`,
				fmtMs(series.ms),
				`${fmtMs(plain.ms)} plain CouchDB, ${result.visible.toLocaleString('en-US')} docs`,
				`${(series.ms / plain.ms).toFixed(2)}×`,
				'(info)',
				''
			]);
		}
	}
	for (const { name, result: push } of result.push) {
		rows.push([
			`(m) push of ${push.docs.toLocaleString('en-US')} documents, gateway on ${name}`,
			`${Math.round(push.gatewayDocsPerSecond).toLocaleString('en-US')} docs/s (${fmtMs(push.gatewayMs)})`,
			`${Math.round(push.directDocsPerSecond).toLocaleString('en-US')} docs/s direct`,
			`${(100 / push.ratio).toFixed(0)}%`,
			'(info)',
			''
		]);
	}
	const app = result.process;
	if (typeof app === 'string')
		rows.push([`(n) app process on CouchDB: ${app}`, '', '', '', '', '']);
	else if (app) {
		const usage = (at: AppProcessResult['idle']) =>
			`RSS ${fmtMB(at.rss)}, ${at.fds} fds, ${at.couchSockets} connections to CouchDB`;
		rows.push(
			[`(n) app process on CouchDB, idle`, usage(app.idle), '', '', '(info)', ''],
			[
				`    ${app.devices} devices, one live stream each`,
				usage(app.streams),
				'',
				'',
				'(info)',
				''
			],
			[`    peak while they all read at once`, usage(app.burstPeak), '', '', '(info)', '']
		);
	}
	if (result.clusterSkipped)
		rows.push([`    cluster: ${result.clusterSkipped}`, '', '', '', '', '']);
	return rows;
}
