import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import {
	activityCodeFor,
	checkActivityCode,
	codeWindowAt
} from '../src/lib/domain/codes/activity-code';
import {
	ACTIVITY_TYPES,
	type Activity,
	type Attendance,
	type Member
} from '../src/lib/domain/registry';
import {
	activityWithKey,
	attendanceRecord,
	type Attendee
} from '../src/lib/domain/events/event-drafts';
import type { Actor } from '../src/lib/domain/access/roles';
import { checkTypedWrite } from '../src/lib/domain/access/write-policy';
import { actorOf, findAccount } from '../src/lib/server/accounts';
import { seedDemoData, toStored } from '../src/lib/server/demo/demo-seed';
import { HttpClient } from '../tests/support/http-client';
import { startTestServer, type RunningServer } from '../tests/support/test-server';
import { pushFromReplicas, REPLICA_PHONES, type ReplicaCheck } from './check-in-replicas';
import { BurstPhones } from './burst-phones';
import { profiled } from './cpu-profile';
import { ServerTiming, type EndpointTime } from './server-timing';
import { StoreTiming, type CallTime } from './store-timing';
import { fmtList, log, max, median, percentile, since, withTimeout } from './support';

export interface BurstOptions {
	/** Member phones reconnecting at once (member1 … memberN of the demo bureau, N ≤ 120). */
	devices: number;
	/** Check-ins each phone recorded offline: one per activity, so as many activities. */
	checkIns: number;
	/** Measured runs, each with new activities (after one warm-up run). */
	runs: number;
}

export interface BurstRun {
	/** From the moment every phone starts its push to the last `_bulk_docs` answer. */
	wallMs: number;
	/** Per phone: its `_bulk_docs` request until the answer. */
	deviceMs: number[];
	/** Baseline: the same documents by `bulkDocs` into a fresh store, one call per phone, all at once. */
	directMs: number;
	/** Wall time during which the gateway was answering at least one request. */
	serverBusyMs: number;
	/** After the burst, until the summary worker had caught up with it (it lets a burst settle). */
	summariesMs: number;
	allDocs: EndpointTime;
	bulkDocs: EndpointTime;
	/** Inside the gateway: its writes of the attendance documents. */
	storeWrites: CallTime;
	/** Inside the gateway: its reads of the current versions (both requests look them up). */
	storeLookups: CallTime;
	/** Inside the gateway: its reads of the activities the check-ins refer to. */
	activityLookups: CallTime;
	/** The same proofs checked in a loop on this thread: Ed25519 verification alone … */
	verifyMs: number;
	/** … and the whole write check the gateway applies (schema, channels, policy, signature). */
	policyMs: number;
}

export interface BurstResult extends BurstOptions {
	documents: number;
	measured: BurstRun[];
	wallMs: number;
	directMs: number;
	gatewayDocsPerSecond: number;
	directDocsPerSecond: number;
	/** How many times the direct write is faster. */
	ratio: number;
	/** Medians over the runs of each run's percentile of per-phone latency. */
	deviceP50: number;
	deviceP95: number;
	deviceMax: number;
	/** The same push from a few real RxDB replicas, after the measured runs. */
	replicas: ReplicaCheck;
}

const BURST_TIMEOUT_MS = 120_000;
const MINUTE = 60_000;

interface Phone {
	username: string;
	cookie: string;
	attendee: Attendee;
	actor: Actor;
}

/** A document as RxDB's CouchDB plugin sends it: the push state with `id` swapped for `_id`. */
type PushedDoc = Omit<Attendance, 'id'> & { _id: string; _deleted: false };

function asPushed(doc: Attendance): PushedDoc {
	const { id, ...fields } = doc;
	return { ...fields, _deleted: false, _id: id };
}

/** Signs in member1 … memberN over HTTP (each its own session) and notes who they are. */
async function signInPhones(server: RunningServer, count: number): Promise<Phone[]> {
	const store = server.app.store;
	return Promise.all(
		Array.from({ length: count }, async (_, i): Promise<Phone> => {
			const username = `member${i + 1}`;
			const client = new HttpClient(server.url);
			const response = await client.signIn(username);
			await response.arrayBuffer();
			const account = await findAccount(store.db('accounts'), username);
			if (!response.ok || !client.cookie || !account?.memberId) {
				throw new Error(`${username} could not sign in (${response.status}).`);
			}
			const member = (await store.db('members').get(account.memberId)) as unknown as Member;
			return {
				username,
				cookie: client.cookie,
				actor: actorOf(account),
				attendee: {
					memberId: account.memberId,
					branchId: member.branchId,
					orgId: member.orgId,
					name: member.name
				}
			};
		})
	);
}

/** Activities under way now, created by community1's staff, stored as its device would push them. */
async function openActivities(server: RunningServer, count: number, run: number) {
	const now = new Date();
	const made = Array.from({ length: count }, (_, i) =>
		activityWithKey(
			{
				type: ACTIVITY_TYPES[i % ACTIVITY_TYPES.length] ?? 'community',
				title: `Bench activity ${run}.${i}`,
				communityId: 'cm1',
				place: 'Courtyard',
				startsAt: new Date(now.getTime() - 30 * MINUTE).toISOString(),
				endsAt: new Date(now.getTime() + 90 * MINUTE).toISOString(),
				expected: 'signup',
				organisers: []
			},
			'community1',
			now,
			`act-bench${run}x${i}`
		)
	);
	const result = await server.app.store
		.db('activities')
		.bulkDocs(made.map(({ activity }) => toStored({ ...activity })));
	if (result.some((row) => 'error' in row && row.error))
		throw new Error('Storing activities failed.');
	return made;
}

/**
 * Each phone's check-ins, one per new activity. The organiser's screen shows each activity's
 * code of the current window; every phone scanned it, so all phones carry the same code per
 * activity, and the gateway verifies each copy on its own.
 */
async function scannedCheckIns(
	server: RunningServer,
	phones: readonly Phone[],
	count: number,
	run: number
): Promise<{ activities: Activity[]; docs: Attendance[][] }> {
	const made = await openActivities(server, count, run);
	const activities = made.map(({ activity }) => activity);
	const scannedAt = new Date();
	const codes = made.map(({ activity, credential }) =>
		activityCodeFor(activity.id, codeWindowAt(scannedAt), credential.secretKey ?? '')
	);
	const docs = phones.map((phone) =>
		activities.map((activity, i) =>
			attendanceRecord({
				activity,
				attendee: phone.attendee,
				kind: 'in',
				recordedBy: phone.username,
				at: scannedAt,
				method: 'code',
				proof: codes[i]
			})
		)
	);
	return { activities, docs };
}

/** Throws unless every one of `ids` is stored and the gateway refused nothing. */
async function expectLanded(server: RunningServer, ids: readonly string[]): Promise<void> {
	const store = server.app.store;
	const stored = await store.db('attendance').allDocs({ keys: [...ids] });
	const landed = stored.rows.filter((row) => !('error' in row) && !row.value.deleted).length;
	const refused = (await store.db('rejections').allDocs({ limit: 1 })).rows.length;
	if (landed !== ids.length || refused) {
		throw new Error(`${landed} of ${ids.length} check-ins landed; rejections: ${refused}.`);
	}
}

/** bulkDocs of each phone's documents into a fresh LevelDB store, all phones at once. */
async function directWrite(perPhone: readonly PushedDoc[][]): Promise<number> {
	const dir = await mkdtemp(join(tmpdir(), 'baodao-bench-burst-'));
	const db = new PouchDB<Record<string, unknown>>(join(dir, 'attendance'));
	try {
		await db.info();
		const start = performance.now();
		const results = await Promise.all(perPhone.map((docs) => db.bulkDocs(docs)));
		const ms = since(start);
		if (results.flat().some((row) => 'error' in row && row.error)) {
			throw new Error('Direct bulkDocs refused a document.');
		}
		return ms;
	} finally {
		await db.close();
		await rm(dir, { recursive: true, force: true });
	}
}

/**
 * The gateway's per-document checks, run here in a loop: what they cost without I/O. The two are
 * timed in turn for each document, so a busy machine slows both alike.
 */
function checkCost(
	phones: readonly Phone[],
	docs: readonly Attendance[][],
	activities: Activity[]
) {
	const byId = new Map(activities.map((a) => [a.id, a]));
	let verifyMs = 0;
	let policyMs = 0;
	for (const [index, phone] of phones.entries()) {
		for (const doc of docs[index] ?? []) {
			const activity = byId.get(doc.activityId) ?? null;
			let start = performance.now();
			const problem = activity && checkActivityCode(doc.proof ?? '', activity, new Date(doc.at));
			verifyMs += since(start);
			start = performance.now();
			const verdict = checkTypedWrite({
				collection: 'attendance',
				actor: phone.actor,
				prev: null,
				next: doc,
				deleting: false,
				subject: activity
			});
			policyMs += since(start);
			if (problem !== null || !verdict.ok) throw new Error(`${doc.id} does not pass the checks.`);
		}
	}
	return { verifyMs, policyMs };
}

/**
 * (g) 50 member phones that scanned activity codes offline reconnect at the same moment and each
 * pushes its 10 check-ins through the gateway, against `bulkDocs` of the same documents straight
 * into a store.
 *
 * Why raw HTTP and not 50 RxDB replicas: open-source RxDB allows 13 open collections in a process,
 * so one process holds at most six phones with `activities` and `attendance`. Each simulated phone
 * instead sends exactly the two requests RxDB's CouchDB plugin sends for one push batch, with the
 * same bodies, over its own connection (opened before the burst) with its own signed-in session, and all 50 start in the
 * same tick. The phones run in a thread of their own (burst-phones.ts), so their HTTP work is
 * not the gateway's, as on 50 real phones with CPUs of their own; the device side (RxDB's local
 * bookkeeping and the pull that follows) is left out, and the push bench (d) times that path with
 * a real replica. The check-ins are valid — each carries its activity's current code, signed with
 * the activity's own Ed25519 key — so the gateway verifies 500 real signatures, as in the field.
 */
export async function benchCheckInBurst(options: BurstOptions): Promise<BurstResult> {
	if (options.devices > 120) throw new Error('The demo bureau has 120 member accounts.');
	const server = await startTestServer();
	const phoneThread = new BurstPhones();
	try {
		const setupStart = performance.now();
		const usernames = Array.from({ length: options.devices }, (_, i) => `member${i + 1}`);
		await seedDemoData(server.app.store, new Date(), usernames);
		const phones = await signInPhones(server, options.devices);
		log(
			`  setup: demo data, ${phones.length} accounts and sessions in ${since(setupStart).toFixed(0)} ms`
		);

		const store = server.app.store;
		const timing = new ServerTiming(server);
		const storeWrites = new StoreTiming(store.db('attendance'), 'bulkDocs');
		const storeLookups = new StoreTiming(store.db('attendance'), 'allDocs');
		const activityLookups = new StoreTiming(store.db('activities'), 'allDocs');
		const measured: BurstRun[] = [];
		for (let run = 0; run <= options.runs; run++) {
			const { activities, docs } = await scannedCheckIns(server, phones, options.checkIns, run);
			// The summary worker catches up with the previous run (and these activities) first, so
			// each run starts with a quiet server; what it does after a burst is timed on its own.
			await server.app.summaries?.idle();
			const pushed = docs.map((list) => list.map(asPushed));
			const pushes = phones.map((phone, i) => ({
				username: phone.username,
				cookie: phone.cookie,
				docs: pushed[i] ?? []
			}));
			await phoneThread.connect(server.url, pushes);

			timing.reset();
			for (const t of [storeWrites, storeLookups, activityLookups]) t.reset();
			const burst = () =>
				withTimeout('check-in burst', BURST_TIMEOUT_MS, phoneThread.push(server.url, pushes));
			const { wallMs, deviceMs } = await (run === 0 ? burst() : profiled('check-in-burst', burst));
			const serverBusyMs = timing.busy;
			const counts = {
				allDocs: timing.get('_all_docs'),
				bulkDocs: timing.get('_bulk_docs'),
				storeWrites: storeWrites.get(),
				storeLookups: storeLookups.get(),
				activityLookups: activityLookups.get()
			};

			const summariesStart = performance.now();
			await server.app.summaries?.idle();
			const summariesMs = since(summariesStart);

			// All of them must have landed, and nothing may have been refused.
			const ids = pushed.flat().map((doc) => doc._id);
			await expectLanded(server, ids);

			const directMs = await directWrite(pushed);
			const cost = checkCost(phones, docs, activities);
			const p = (q: number) => percentile(deviceMs, q).toFixed(0);
			log(
				`  ${run === 0 ? 'warm-up' : `run ${run}`}: ${ids.length} check-ins in ${wallMs.toFixed(0)} ms (per phone p50 ${p(50)} / p95 ${p(95)} / max ${max(deviceMs).toFixed(0)} ms; server busy ${serverBusyMs.toFixed(0)} ms; summaries caught up ${summariesMs.toFixed(0)} ms later; store writes ${counts.storeWrites.busyMs.toFixed(0)} ms busy, lookups ${counts.storeLookups.busyMs.toFixed(0)} + activities ${counts.activityLookups.busyMs.toFixed(0)} (${counts.activityLookups.count} calls) ms busy), direct bulkDocs ${directMs.toFixed(0)} ms; in a loop: the checks ${cost.policyMs.toFixed(0)} ms, signature verification alone ${cost.verifyMs.toFixed(0)} ms`
			);
			if (run === 0) continue;
			measured.push({ wallMs, deviceMs, directMs, serverBusyMs, summariesMs, ...counts, ...cost });
		}

		const real = phones.slice(0, REPLICA_PHONES);
		const check = await scannedCheckIns(server, real, options.checkIns, options.runs + 1);
		const replicas = await pushFromReplicas(
			server,
			timing,
			real.map((phone, i) => ({ username: phone.username, docs: check.docs[i] ?? [] }))
		);
		await expectLanded(
			server,
			check.docs.flat().map((doc) => doc.id)
		);
		log(
			`  ${replicas.phones} real RxDB phones × ${options.checkIns}: pushed in ${replicas.ms.toFixed(0)} ms with ${replicas.allDocs.count}× _all_docs + ${replicas.bulkDocs.count}× _bulk_docs`
		);

		const documents = options.devices * options.checkIns;
		const wallMs = median(measured.map((r) => r.wallMs));
		const directMs = median(measured.map((r) => r.directMs));
		log(
			`burst runs (ms): gateway [${fmtList(measured.map((r) => r.wallMs))}], direct [${fmtList(measured.map((r) => r.directMs))}]`
		);
		return {
			...options,
			documents,
			measured,
			wallMs,
			directMs,
			gatewayDocsPerSecond: documents / (wallMs / 1000),
			directDocsPerSecond: documents / (directMs / 1000),
			ratio: wallMs / directMs,
			deviceP50: median(measured.map((r) => percentile(r.deviceMs, 50))),
			deviceP95: median(measured.map((r) => percentile(r.deviceMs, 95))),
			deviceMax: median(measured.map((r) => max(r.deviceMs))),
			replicas
		};
	} finally {
		await phoneThread.close();
		await server.close();
	}
}
