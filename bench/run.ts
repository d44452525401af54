/**
 * `npm run bench`: the sync gateway's performance, each figure against a baseline measured in the
 * same run. Everything runs in this one process over loopback HTTP on fresh temporary stores,
 * except `shell` and `scale`, which run the built app (`npm run build` first) in headless Chromium.
 *
 * Sizes can be lowered for a quick try, e.g. `BENCH_LARGE=20000 BENCH_SMALL=10000 npm run bench`;
 * `BENCH_ONLY=sync,fanout,memory,push,burst,shell,wire,signin,reconnect,couch,scan,rank,files,points,roster` picks parts. The figures in
 * docs/performance.md use the defaults. The wire bytes (i) sync a bureau of `BENCH_WIRE_MEMBERS`
 * (1,000) members; the server memory (j) is for `BENCH_MEMORY_DEVICES` (500) connected devices.
 * The reconnect (l) runs the built app too: `BENCH_RECONNECT_RUNS` (20) runs of
 * `BENCH_RECONNECT_WRITES` (3) offline writes per account; `BENCH_RECONNECT_BUILD=<dir>` measures
 * another build, e.g. an earlier version's, for comparison.
 *
 * The scanner part (o)+(p), `BENCH_ONLY=scan`, needs `npm run build` (`BAODAO_BUILD_DIR` names
 * another build): decode time per frame in headless Chromium, the shipped decoder against the old
 * one, on `BENCH_SCAN_FRAMES` (40) corpus frames per 640×480 set and `BENCH_SCAN_LARGE_FRAMES` (10)
 * per 1920×1080 set; and the JS and `.wasm` bytes of the scanning routes and of the home route
 * (from Vite's manifest in `.svelte-kit`, or in `BENCH_SVELTE_KIT_DIR` for a copied build).
 *
 * The CouchDB part (m)+(n), `BENCH_ONLY=couch`, runs on a real Apache CouchDB found as the tests
 * find it (tests/support/real-couch.ts: `COUCHDB_TEST_URL`, `../shared/couchdb`, `/opt/couchdb`)
 * and says so in one line and skips when there is none. It starts a single node and a three-node
 * cluster: the channel index of `BENCH_SMALL` and `BENCH_LARGE` reports (build, size, compaction,
 * update on write), the initial sync and the push through the gateway on the embedded store, the
 * node and the cluster, and (n) the built app's process on the node with `BENCH_PROCESS_DEVICES`
 * (500) live streams (needs `npm run build`; `BAODAO_BUILD_DIR` names another build).
 *
 * The ranking part (q), `BENCH_ONLY=rank`, ranks `BENCH_RANK_ITEMS` (1,000) open service items for
 * a member as the device does (the replica's query, then the pure ranking), `BENCH_RANK_RUNS`
 * (30) times, against a plain sort of the same items.
 *
 * The evidence files part (r), `BENCH_ONLY=files`, needs `npm run build` (`BAODAO_BUILD_DIR`
 * names another build): `BENCH_FILE_DEVICES` (10) devices each upload `BENCH_FILES_PER_DEVICE` (5)
 * photos of `BENCH_FILE_BYTES` (300,000) bytes at once, one shared by all; baselines: the same
 * uploads one device after another, and the same bytes as plain PouchDB attachment puts.
 *
 * The points part (s)–(u), `BENCH_ONLY=points`: a bureau of `BENCH_POINTS_MEMBERS` (2,000) members
 * with `BENCH_POINTS_RECORDS` (40) service records each; (s) every member's points and grade as the
 * worker recomputes them, (t) a branch of `BENCH_POINTS_BRANCH` (200) members on its secretary's
 * tablet, (u) its approval queue with `BENCH_POINTS_WAITING` (500) records waiting, approved in one
 * bulk write; `BENCH_POINTS_RUNS` (5) runs each, against the naive way. (s) also seeds the
 * bureau into an embedded store and times the summary worker's recompute after a new version of
 * the bureau's points scheme (`BENCH_POINTS_WORKER=0` skips it); (u) also runs the queue on the
 * built app in Chromium (needs `npm run build`; `BAODAO_BUILD_DIR` names another build;
 * `BENCH_POINTS_BROWSER=0` skips it).
 *
 * The roster part (v)–(y), `BENCH_ONLY=roster`: a bureau's roster of `BENCH_ROSTER_MEMBERS` (5,000)
 * members in branches of `BENCH_ROSTER_BRANCH` (50), the first of each its secretary, and 100
 * communities: (v) read and planned in process, `BENCH_ROSTER_RUNS` (5) runs, against the JSON
 * round-trip of the same roster; on a gateway that already holds the tree, the branches and their
 * secretaries, (w) previewed and (x) imported over HTTP while (y) `BENCH_ROSTER_SECRETARIES` (3)
 * secretaries' devices wait for their branches' new members (one opens the app after the import,
 * the others wait for the app's 2-minute reference timer, so the part takes 2–4 minutes).
 *
 * The scale run (issue 10) is not in the default list, since it takes about half an hour (most of
 * it building the channel index of 620,000 documents): a bureau of 5,000 and one of 20,000
 * members after a year of use, each device kind's first sync in the built app. Run it with `npm run build && BENCH_ONLY=scale npm run bench`; the sizes are
 * `BENCH_SCALE_MEMBERS=5000,20000` (members, one store each), and one device's first sync may
 * take `BENCH_SCALE_SYNC_MINUTES` (20) before the run stops.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchCheckInBurst } from './check-in-burst';
import { benchCouchStore } from './couch-store';
import { benchDeviceMemory } from './device-memory';
import { benchEvidenceUploads } from './evidence-uploads';
import { benchInitialSync } from './initial-sync';
import { benchLongpollFanout } from './longpoll-fanout';
import { benchPoints } from './points';
import { benchPushThroughput } from './push-throughput';
import { benchRanking } from './ranking';
import { benchReconnect } from './reconnect';
import { benchRosterImport } from './roster-import';
import { benchScale } from './scale';
import { benchShell } from './shell';
import { benchSignInFlood } from './sign-in-flood';
import { benchWireBytes } from './wire-bytes';
import { scanRouteBytes } from './scan-bytes';
import { benchScanDecode } from './scan-decode';
import { currentLoad, formatTable, machineDescription, type BenchResults } from './report';
import { log, since, withTimeout } from './support';

function intFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw new Error(`${name} must be a whole number above 0.`);
	}
	return value;
}

const config = {
	largeStore: intFromEnv('BENCH_LARGE', 100_000),
	smallStore: intFromEnv('BENCH_SMALL', 10_000),
	visible: intFromEnv('BENCH_VISIBLE', 5_000),
	batchSize: intFromEnv('BENCH_BATCH', 100),
	syncRounds: intFromEnv('BENCH_ROUNDS', 7),
	insiders: intFromEnv('BENCH_IN', 100),
	outsiders: intFromEnv('BENCH_OUT', 100),
	writes: intFromEnv('BENCH_WRITES', 5),
	heartbeatMs: intFromEnv('BENCH_HEARTBEAT_MS', 10_000),
	pushDocs: intFromEnv('BENCH_PUSH_DOCS', 1_000),
	pushRuns: intFromEnv('BENCH_PUSH_RUNS', 5),
	burstDevices: intFromEnv('BENCH_BURST_DEVICES', 50),
	burstCheckIns: intFromEnv('BENCH_BURST_CHECK_INS', 10),
	burstRuns: intFromEnv('BENCH_BURST_RUNS', 5),
	shellRuns: intFromEnv('BENCH_SHELL_RUNS', 7),
	scaleSizes: (process.env['BENCH_SCALE_MEMBERS'] ?? '5000,20000').split(',').map((size) => {
		const members = Number(size.trim());
		if (!Number.isInteger(members) || members < 2)
			throw new Error('BENCH_SCALE_MEMBERS must be whole numbers above 1.');
		return members;
	}),
	scaleSyncMinutes: intFromEnv('BENCH_SCALE_SYNC_MINUTES', 20),
	wireMembers: intFromEnv('BENCH_WIRE_MEMBERS', 1_000),
	memoryDevices: intFromEnv('BENCH_MEMORY_DEVICES', 500),
	processDevices: intFromEnv('BENCH_PROCESS_DEVICES', 500),
	signInFlood: intFromEnv('BENCH_SIGNIN_FLOOD', 256),
	signInSamples: intFromEnv('BENCH_SIGNIN_SAMPLES', 30),
	signInReads: intFromEnv('BENCH_SIGNIN_READS', 300),
	reconnectRuns: intFromEnv('BENCH_RECONNECT_RUNS', 20),
	reconnectWrites: intFromEnv('BENCH_RECONNECT_WRITES', 3),
	scanFrames: intFromEnv('BENCH_SCAN_FRAMES', 40),
	scanLargeFrames: intFromEnv('BENCH_SCAN_LARGE_FRAMES', 10),
	rankItems: intFromEnv('BENCH_RANK_ITEMS', 1_000),
	rankRuns: intFromEnv('BENCH_RANK_RUNS', 30),
	fileDevices: intFromEnv('BENCH_FILE_DEVICES', 10),
	filesPerDevice: intFromEnv('BENCH_FILES_PER_DEVICE', 5),
	fileBytes: intFromEnv('BENCH_FILE_BYTES', 300_000),
	pointsMembers: intFromEnv('BENCH_POINTS_MEMBERS', 2_000),
	pointsRecords: intFromEnv('BENCH_POINTS_RECORDS', 40),
	pointsBranch: intFromEnv('BENCH_POINTS_BRANCH', 200),
	pointsWaiting: intFromEnv('BENCH_POINTS_WAITING', 500),
	pointsRuns: intFromEnv('BENCH_POINTS_RUNS', 5),
	pointsWorker: process.env['BENCH_POINTS_WORKER'] !== '0',
	pointsBrowser: process.env['BENCH_POINTS_BROWSER'] !== '0',
	rosterMembers: intFromEnv('BENCH_ROSTER_MEMBERS', 5_000),
	rosterBranch: intFromEnv('BENCH_ROSTER_BRANCH', 50),
	rosterSecretaries: intFromEnv('BENCH_ROSTER_SECRETARIES', 3),
	rosterRuns: intFromEnv('BENCH_ROSTER_RUNS', 5)
};
const only = new Set(
	(
		process.env['BENCH_ONLY'] ??
		'sync,fanout,memory,push,burst,shell,wire,signin,reconnect,couch,scan,rank,files,points,roster'
	)
		.split(',')
		.map((s) => s.trim())
);

/**
 * The whole run is bounded too: 25 minutes (30 with the roster part), then it stops with an error; the scale run adds
 * three minutes per 1,000 members (seeding, indexing and the devices' syncs grow with them).
 */
const RUN_LIMIT_MS =
	25 * 60_000 +
	(only.has('couch') ? 15 * 60_000 : 0) +
	// The roster part waits two minutes for a device's timer.
	(only.has('roster') ? 5 * 60_000 : 0) +
	(only.has('scale') ? config.scaleSizes.reduce((sum, members) => sum + members * 180, 0) : 0);

async function main(): Promise<BenchResults> {
	const start = performance.now();
	const results: BenchResults = {
		machine: machineDescription(),
		loadBefore: [],
		loadAfter: [],
		totalMs: 0
	};
	results.loadBefore = currentLoad();
	log(`machine: ${results.machine}`);
	log(`config: ${JSON.stringify(config)}`);

	if (only.has('fanout')) {
		log(`(c) live fan-out: ${config.insiders} in-channel + ${config.outsiders} other clients`);
		results.fanout = await benchLongpollFanout({
			insiders: config.insiders,
			outsiders: config.outsiders,
			writes: config.writes,
			heartbeatMs: config.heartbeatMs
		});
	}
	if (only.has('memory')) {
		log(`(j) server memory: ${config.memoryDevices} connected devices, streams and longpolls`);
		results.memory = await benchDeviceMemory({ devices: config.memoryDevices });
	}
	if (only.has('push')) {
		log(`(d) push throughput: ${config.pushDocs} documents, batch ${config.batchSize}`);
		results.push = await benchPushThroughput({
			docs: config.pushDocs,
			batchSize: config.batchSize,
			runs: config.pushRuns
		});
	}
	if (only.has('burst')) {
		log(
			`(g) check-in burst: ${config.burstDevices} phones × ${config.burstCheckIns} check-ins at once`
		);
		results.burst = await benchCheckInBurst({
			devices: config.burstDevices,
			checkIns: config.burstCheckIns,
			runs: config.burstRuns
		});
	}
	if (only.has('sync')) {
		log(
			`(a)+(b) initial sync: ${config.visible} of ${config.largeStore} and of ${config.smallStore}`
		);
		results.initialSync = await benchInitialSync({
			largeStore: config.largeStore,
			smallStore: config.smallStore,
			visible: config.visible,
			batchSize: config.batchSize,
			rounds: config.syncRounds
		});
	}
	if (only.has('shell')) {
		log(`(e)+(f) installable shell: the built app in Chromium, ${config.shellRuns} reload pairs`);
		results.shell = await benchShell({ runs: config.shellRuns });
	}
	if (only.has('scale')) {
		log(
			`(h) scale: bureaus of ${config.scaleSizes.join(', ')} members, each device kind's first sync`
		);
		results.scale = await benchScale({
			sizes: config.scaleSizes,
			syncLimitMs: config.scaleSyncMinutes * 60_000
		});
	}
	if (only.has('wire')) {
		log(`(i) bytes on the wire: initial syncs in a bureau of ${config.wireMembers} members`);
		results.wire = await benchWireBytes({
			members: config.wireMembers,
			batchSize: config.batchSize
		});
	}
	if (only.has('signin')) {
		log(`(k) sign-in flood: ${config.signInFlood} bad sign-ins in flight; failure times`);
		results.signIn = await benchSignInFlood({
			flood: config.signInFlood,
			samples: config.signInSamples,
			reads: config.signInReads
		});
	}
	if (only.has('reconnect')) {
		log(
			`(l) reconnect: ${config.reconnectWrites} writes offline, online → held by the server, ${config.reconnectRuns} runs`
		);
		results.reconnect = await benchReconnect({
			runs: config.reconnectRuns,
			writes: config.reconnectWrites,
			...(process.env['BENCH_RECONNECT_BUILD']
				? { buildDir: process.env['BENCH_RECONNECT_BUILD'] }
				: {})
		});
	}
	if (only.has('scan')) {
		log(
			`(o)+(p) scanner: decode time per frame in Chromium, shipped against old; scanning routes' bytes`
		);
		results.scan = {
			decode: await benchScanDecode({
				frames: config.scanFrames,
				largeFrames: config.scanLargeFrames,
				repeats: 3
			}),
			routes: await scanRouteBytes(
				process.env['BAODAO_BUILD_DIR'] ?? fileURLToPath(new URL('../build', import.meta.url)),
				['/', '/activities/scan', '/activities/[id]'],
				process.env['BENCH_SVELTE_KIT_DIR']
			)
		};
	}
	if (only.has('rank')) {
		log(`(q) ranking ${config.rankItems} open service items for a member, ${config.rankRuns} runs`);
		results.ranking = await benchRanking({ items: config.rankItems, runs: config.rankRuns });
	}
	if (only.has('files')) {
		log(
			`(r) ${config.fileDevices * config.filesPerDevice} photos from ${config.fileDevices} devices at once, against the built app`
		);
		results.files = await benchEvidenceUploads({
			devices: config.fileDevices,
			perDevice: config.filesPerDevice,
			photoBytes: config.fileBytes
		});
	}
	if (only.has('points')) {
		log(
			`(s)–(u) points: ${config.pointsMembers} members × ${config.pointsRecords} records; a branch of ${config.pointsBranch}; ${config.pointsWaiting} waiting`
		);
		results.points = await benchPoints({
			members: config.pointsMembers,
			branchSize: config.pointsBranch,
			recordsPerMember: config.pointsRecords,
			waiting: config.pointsWaiting,
			runs: config.pointsRuns,
			withWorker: config.pointsWorker,
			withBrowser: config.pointsBrowser
		});
	}
	if (only.has('roster')) {
		log(
			`(v)–(y) roster import: ${config.rosterMembers} members, branches of ${config.rosterBranch}; ${config.rosterSecretaries} secretaries' devices`
		);
		results.roster = await benchRosterImport({
			members: config.rosterMembers,
			branchSize: config.rosterBranch,
			secretaries: config.rosterSecretaries,
			runs: config.rosterRuns
		});
	}
	if (only.has('couch')) {
		log(
			`(m) CouchDB: index of ${config.smallStore} and ${config.largeStore}, initial sync and push on a node and a cluster`
		);
		results.couch = await benchCouchStore({
			largeStore: config.largeStore,
			smallStore: config.smallStore,
			visible: config.visible,
			batchSize: config.batchSize,
			rounds: config.syncRounds,
			pushDocs: config.pushDocs,
			pushRuns: config.pushRuns,
			processDevices: config.processDevices,
			buildDir:
				process.env['BAODAO_BUILD_DIR'] ?? fileURLToPath(new URL('../build', import.meta.url))
		});
	}
	results.loadAfter = currentLoad();
	results.totalMs = since(start);
	return results;
}

try {
	const results = await withTimeout('the bench', RUN_LIMIT_MS, main());
	const outDir = new URL('./.work/', import.meta.url);
	await mkdir(outDir, { recursive: true });
	await writeFile(new URL('results.json', outDir), JSON.stringify(results, null, '\t') + '\n');
	console.log('\n' + formatTable(results) + '\n');
	log('full results: bench/.work/results.json');
	process.exit(0);
} catch (error) {
	console.error(error);
	process.exit(1);
}
