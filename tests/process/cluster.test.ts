import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shanghaiYear } from '../../src/lib/domain/calendar/shanghai-calendar';
import { activityWithKey } from '../../src/lib/domain/events/event-drafts';
import { isActivity } from '../../src/lib/domain/events/activities';
import { reportToSubmit } from '../../src/lib/domain/reporting/report-drafts';
import {
	collectionNames,
	isLiveCollection,
	type Activity,
	type CollectionName,
	type Member
} from '../../src/lib/domain/registry';
import { seedDemoData, toStored } from '../../src/lib/server/demo/demo-seed';
import { allDatabases, openStore, type Store } from '../../src/lib/server/store';
import { startBuiltApp, type BuiltApp } from '../support/built-app';
import {
	backendOf,
	haproxyBinary,
	splitAppConfig,
	startCouchLoadBalancer,
	startHaproxy,
	type LoadBalancer
} from '../support/couch-load-balancer';
import {
	COUCH_REQUIRED,
	findCouchSource,
	isAlive,
	startRealCouchCluster,
	type RealCouchCluster
} from '../support/real-couch';
import { TestDevice } from '../support/test-device';
import { leaseHolderPid, storedSummary } from '../support/summary-lease';

/**
 * Production's layout in small (docs/operations.md): three CouchDB nodes behind HAProxy, two app
 * processes (the built app) on the balancer's address, devices on each. A CouchDB node killed
 * outright, or the app process doing the summaries, must cost nothing but a short wait.
 */

const PREFIX = 'cluster_';
/** Short, so the takeover of the summaries after a kill is quick; production keeps 30 s. */
const LEASE_MS = 3_000;
const USERS = ['community1', 'secretary1', 'member1', 'member2'];
/** Every device follows the activities live as well: the writes of these tests are activities. */
const LIVE: CollectionName[] = [...collectionNames.filter(isLiveCollection), 'activities'];
const WAIT = { timeout: 60_000, interval: 100 };
/** How long a device may take to receive one write, a node's death and failover included. */
const RECEIVE_MS = 60_000;
/** The nodes `kill -9`ed in turn (0-based), each restarted before the next dies. */
const VICTIMS = [0, 2];
/** Writes each stream makes before the kill, while the node is down, and after it is back. */
const WRITES_PER_PHASE = 3;

const source = findCouchSource();
const runnable = source?.kind === 'scripts' && haproxyBinary() !== null;
const NEEDS =
	"The cluster test needs ../shared/couchdb's scripts and Debian's haproxy (.ci/run installs it)";
if (!runnable) {
	if (COUCH_REQUIRED) throw new Error(`${NEEDS}, and must run here.`);
	console.warn(`${NEEDS}: skipped.`);
}

/** A request to one node as the server admin (fetch refuses credentials in URLs). */
async function nodeJson<T>(nodeUrl: string, path: string): Promise<T> {
	const url = new URL(nodeUrl);
	const headers = {
		authorization:
			'Basic ' +
			Buffer.from(
				`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
			).toString('base64')
	};
	url.username = '';
	url.password = '';
	const response = await fetch(url.origin + path, { headers });
	if (!response.ok) throw new Error(`GET ${path} on ${url.origin}: ${response.status}`);
	return (await response.json()) as T;
}

interface ShardInfo {
	doc_count: number;
	doc_del_count: number;
}

/**
 * What node `nodeUrl` holds itself of this deployment's databases: per shard file (the same
 * names on every node), its document counts, and for the activities the revision of every
 * document — read from the node's local shards, not through the cluster.
 */
async function localCopy(nodeUrl: string): Promise<Record<string, string>> {
	const names = new Set(allDatabases.map((name) => PREFIX + name));
	const shards = (await nodeJson<string[]>(nodeUrl, '/_node/_local/_all_dbs')).filter((shard) =>
		names.has(/^shards\/[^/]+\/(.+)\.\d+$/.exec(shard)?.[1] ?? '')
	);
	const copy: Record<string, string> = {};
	for (const shard of shards) {
		const path = `/_node/_local/${encodeURIComponent(shard)}`;
		const info = await nodeJson<ShardInfo>(nodeUrl, path);
		copy[shard] = `${info.doc_count} docs, ${info.doc_del_count} deleted`;
		if (shard.includes(`/${PREFIX}activities.`)) {
			const all = await nodeJson<{ rows: { id: string; value: { rev: string } }[] }>(
				nodeUrl,
				`${path}/_all_docs`
			);
			copy[`${shard} revisions`] = all.rows.map((row) => `${row.id}@${row.value.rev}`).join(' ');
		}
	}
	return copy;
}

let serial = 0;

/** A branch br1 activity in its linked community cm1, as `by`'s activity form makes it. */
function newActivity(by: string): Activity {
	const now = new Date();
	return activityWithKey(
		{
			type: 'party-day',
			title: `集群测试活动 ${++serial}`,
			communityId: 'cm1',
			hostBranchId: 'br1',
			place: '社区党群服务中心',
			startsAt: new Date(now.getTime() - 60 * 60_000).toISOString(),
			endsAt: new Date(now.getTime() + 60 * 60_000).toISOString(),
			expected: 'branch',
			organisers: [by]
		},
		by,
		now
	).activity;
}

/**
 * A steady stream of writes: `writer` stores an activity, then waits until every observer holds
 * it (live, no pull asked for), and goes on with the next until stopped.
 */
class WriteStream {
	readonly written: string[] = [];
	private stopped = false;
	private failure: Error | null = null;
	readonly done: Promise<void>;

	constructor(
		readonly writer: TestDevice,
		readonly by: string,
		readonly observers: readonly TestDevice[]
	) {
		this.done = this.run();
		this.done.catch((error: unknown) => {
			this.failure = error instanceof Error ? error : new Error(String(error));
		});
	}

	private async run(): Promise<void> {
		while (!this.stopped) {
			const activity = newActivity(this.by);
			await this.writer.writeChecked('activities', activity);
			this.written.push(activity.id);
			await Promise.all(
				this.observers.map((device) =>
					device.waitFor('activities', { id: activity.id }, RECEIVE_MS)
				)
			);
		}
	}

	/**
	 * Resolves once `count` more writes have reached every observer; rejects with the stream's
	 * failure (a write no observer received in time).
	 */
	async more(count: number): Promise<void> {
		const target = this.written.length + count;
		while (this.written.length <= target) {
			if (this.failure) throw this.failure;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	stop(): Promise<void> {
		this.stopped = true;
		return this.done;
	}
}

describe.skipIf(!runnable)('three CouchDB nodes behind HAProxy, two app processes', () => {
	let cluster: RealCouchCluster;
	let balancer: LoadBalancer;
	let front: LoadBalancer | undefined;
	let store: Store;
	const apps: BuiltApp[] = [];
	const devices: TestDevice[] = [];
	const year = shanghaiYear(new Date());

	const startApp = () =>
		startBuiltApp({
			env: {
				COUCHDB_URL: balancer.url,
				COUCHDB_PREFIX: PREFIX,
				DEMO_DATA: '0',
				SUMMARY_LEASE_MS: String(LEASE_MS)
			}
		});

	async function device(serverUrl: string, username: string): Promise<TestDevice> {
		const phone = TestDevice.spawn(serverUrl, username);
		devices.push(phone);
		// The app's own heartbeat: a change reaches the device live or after a whole round.
		await phone.start({ liveCollections: LIVE, heartbeatMs: 25_000 });
		// Caught up before the tests write, so what arrives later arrives live.
		await phone.sync();
		return phone;
	}

	let staff: TestDevice;
	let secretary: TestDevice;
	let member: TestDevice;

	beforeAll(async () => {
		if (source?.kind !== 'scripts') return;
		cluster = await startRealCouchCluster(source);
		balancer = await startCouchLoadBalancer(cluster.nodes);
		store = openStore({ couchUrl: balancer.url, prefix: PREFIX });
		// The first process creates the databases; the demo bureau then goes into them.
		apps.push(await startApp());
		await seedDemoData(store, new Date(), USERS);
		apps.push(await startApp());
		const [app1, app2] = apps as [BuiltApp, BuiltApp];
		[staff, secretary, member] = await Promise.all([
			device(app1.url, 'community1'),
			device(app2.url, 'secretary1'),
			device(app2.url, 'member1')
		]);
	});

	afterAll(async () => {
		const closed = await Promise.allSettled(devices.map((phone) => phone.close()));
		await front?.close();
		// The shutdown on SIGTERM has tests of its own; here only an end is needed.
		await Promise.all(apps.map((app) => app.stop('SIGKILL')));
		await store?.close();
		await balancer?.close();
		await cluster?.close();
		for (const result of closed) if (result.status === 'rejected') throw result.reason;
	});

	it('carries a write through app 1 to a live device on app 2', async () => {
		const activity = newActivity('community1');
		await staff.writeChecked('activities', activity);
		const [received] = await member.waitFor('activities', { id: activity.id }, RECEIVE_MS);
		expect(received && isActivity(received) ? received.title : null).toBe(activity.title);
	});

	it('shares sessions: a device signed in through app 1 syncs through app 2', async () => {
		const [app1, app2] = apps as [BuiltApp, BuiltApp];
		// Sign-in to app 1, every other request to app 2.
		front = await startHaproxy(
			(port) => splitAppConfig(port, backendOf('app1', app1.url), backendOf('app2', app2.url)),
			'/api/session'
		);
		const phone = await device(front.url, 'member2');
		expect(phone.session?.user.memberId).toBe('m002');
		// Pulled through app 2 on app 1's session.
		expect(await phone.findOne('members', 'm002')).toMatchObject({ id: 'm002' });

		const activity = newActivity('community1');
		await staff.writeChecked('activities', activity);
		await phone.waitFor('activities', { id: activity.id }, RECEIVE_MS);

		await phone.incrementalPatch('members', 'm002', { background: '两个进程共用会话' });
		await vi.waitFor(async () => {
			expect(await store.db('members').get('m002')).toMatchObject({
				background: '两个进程共用会话'
			});
		}, WAIT);
		expect(await phone.status()).toMatchObject({ signedIn: true, lastError: null });
	});

	it('keeps syncing through the other nodes when one is killed, loses nothing, and the node rejoins', async () => {
		const streams = [
			new WriteStream(staff, 'community1', [secretary, member]),
			new WriteStream(secretary, 'secretary1', [staff])
		];
		const more = () => Promise.all(streams.map((stream) => stream.more(WRITES_PER_PHASE)));
		try {
			await more();
			for (const victim of VICTIMS) {
				const pid = Number(
					(await readFile(join(cluster.nodeDir(victim), 'couchdb.pid'), 'utf8')).trim()
				);
				process.kill(pid, 'SIGKILL');
				await vi.waitFor(() => {
					expect(isAlive(pid), `CouchDB node ${victim + 1} still running`).toBe(false);
				}, WAIT);
				// Devices push and pull through the two nodes left.
				await more();
				await cluster.restartNode(victim);
				await more();
			}
		} finally {
			await Promise.all(streams.map((stream) => stream.stop()));
		}

		for (const { writer, by, written, observers } of streams) {
			// Nothing left unacknowledged on the writer, and every write it made is on the server…
			await writer.waitForStatus({ pending: 0 }, RECEIVE_MS);
			const stored = await store.db('activities').allDocs({ keys: written });
			const missing = stored.rows.filter((row) => !('value' in row) || row.value.deleted);
			expect(
				missing.map((row) => row.key),
				`${by}'s writes missing on the server`
			).toEqual([]);
			// …and on every device that should see it.
			for (const observer of observers) {
				const held = new Set(await observer.ids('activities'));
				expect(
					written.filter((id) => !held.has(id)),
					`${by}'s writes missing on ${observer.username}'s device`
				).toEqual([]);
			}
		}

		// A store that failed under a request never signed a device out.
		for (const phone of [staff, secretary, member]) {
			expect(await phone.status(), `${phone.username}'s device`).toMatchObject({
				signedIn: true
			});
		}

		// The restarted nodes catch up: each node's own copy of every shard matches the others'.
		await vi.waitFor(async () => {
			const [first, ...others] = await Promise.all(cluster.nodes.map(localCopy));
			expect(Object.keys(first ?? {}).length).toBeGreaterThan(0);
			others.forEach((other, index) => {
				expect(other, `node ${index + 2}'s shards against node 1's`).toEqual(first);
			});
		}, WAIT);
	});

	it('hands the summaries to the other app process when the lease holder is killed', async () => {
		const summary = (id: string) => storedSummary(store, id);
		const holder = () => leaseHolderPid(store);
		await vi.waitFor(async () => {
			expect(await summary(`bureau-year.org-zjj.${year}`), 'the bureau summary').not.toBeNull();
		}, WAIT);
		const first = await holder();
		const victim = apps.find((app) => app.child.pid === first);
		const survivor = apps.find((app) => app.child.pid !== first);
		expect(victim, `the lease holder (pid ${first}) is one of the app processes`).toBeDefined();
		await victim?.stop('SIGKILL');

		// Written after the kill: only the survivor can sum it up.
		const stored = await store.db('members').get('m001');
		const report = reportToSubmit({
			member: { ...(stored as unknown as Member), id: 'm001' },
			kind: 'residence',
			communityId: 'cm1',
			existing: null,
			note: '',
			now: new Date()
		});
		await store.db('reports').put(toStored(report));

		await vi.waitFor(async () => {
			expect(
				await summary(`member-year.m001.${year}`),
				'the summary of a report made after the kill'
			).toMatchObject({ residence: 'waiting' });
		}, WAIT);
		expect(await holder(), 'the lease holder after the kill').toBe(survivor?.child.pid);
	});
});
