import { performance } from 'node:perf_hooks';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDatabase, type BaodaoDatabase } from '../src/lib/db/database';
import { ownFields, writeAllChecked, writeChecked } from '../src/lib/db/local-write';
import type { Actor } from '../src/lib/domain/access/roles';
import { branchStandings } from '../src/lib/domain/points/branch-standings';
import type { GradeCounts } from '../src/lib/domain/points/grade-terms';
import {
	standingOf,
	targetsOf,
	type MemberStanding,
	type StandingDocs
} from '../src/lib/domain/points/member-standing';
import {
	approvableSelection,
	DEFAULT_FILTER,
	filterChoices,
	filterRows,
	queueRows,
	stateCounts,
	toggleAll,
	type QueueRow
} from '../src/lib/domain/records/approval-queue';
import { isApproval } from '../src/lib/domain/records/approvals';
import { isCorrection } from '../src/lib/domain/records/corrections';
import { approvalOf } from '../src/lib/domain/records/record-drafts';
import { recordViews, type RecordDocs } from '../src/lib/domain/records/record-status';
import { isServiceRecord } from '../src/lib/domain/records/service-record';
import type { ReportsDoc, ReviewsDoc } from '../src/lib/domain/registry';
import { isReview } from '../src/lib/domain/reporting/reviews';
import { branchShare, planPointsBureau, secretaryOf, type PointsBureau } from './points-bureau';
import { benchQueueInBrowser, type QueueBrowserResult } from './points-browser';
import { benchWorkerRecompute, type WorkerRecomputeResult } from './points-worker';
import type { Row } from './report';
import { fmtMs, median, percentile, since } from './support';

export interface PointsOptions {
	/** Members of the bureau (a): the worker's full recompute. */
	members: number;
	/** Members of a branch (b): the secretary's tablet. */
	branchSize: number;
	recordsPerMember: number;
	/** Records of the branch waiting for approval (c): the queue, approved in one tap. */
	waiting: number;
	/** Measured runs, after one warm-up run that is not counted. */
	runs: number;
	/** Also the summary worker's recompute on the embedded store (minutes: seeding, indexing). */
	withWorker: boolean;
	/** Also the queue on the built app in Chromium (needs `npm run build`). */
	withBrowser: boolean;
}

interface Timing {
	p50: number;
	p95: number;
	/** CPU time of this process (user + system) at the median: the machine is shared, wall time is not all ours. */
	cpuP50: number;
}

export interface PointsResult extends PointsOptions {
	/** Documents of the bureau: the `reports` collection (reports, records, corrections) and `reviews`. */
	docs: { reports: number; reviews: number };
	/** (a) `standingOf` for every member over the bureau's documents, as the worker calls it. */
	bureau: Timing;
	/** Baseline: each member's documents picked by a scan of all of them, then the same function. */
	bureauScan: Timing;
	grades: GradeCounts;
	effective: number;
	/** (b) the replica's queries of the branch's documents (RxDB, memory storage). */
	branchQuery: Timing;
	/** `branchStandings` + `targetsOf`: what the secretary's tablet computes per change. */
	branch: Timing;
	branchScan: Timing;
	atRisk: number;
	/** (c) the queue: views, rows, the filter, its counts and choices, the selection of all. */
	queue: Timing;
	/** The 500 approvals checked as the gateway would and stored in one bulk write. */
	bulkApprove: Timing;
	/** Baseline: the same approvals checked and stored one at a time. */
	oneByOne: Timing;
	/** The queue computed again once the approvals are held: what the secretary then sees. */
	queueAfter: Timing;
	queued: number;
	waitingAfter: number;
	worker?: WorkerRecomputeResult;
	browser?: QueueBrowserResult;
}

const WARM_UP_RUNS = 1;
/** Members whose naive scan (s) times; the figure is scaled to the bureau. */
const SCAN_SAMPLE = 200;

interface Times {
	wall: number[];
	cpu: number[];
}

function timing(times: Times): Timing {
	return { p50: median(times.wall), p95: percentile(times.wall, 95), cpuP50: median(times.cpu) };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
}

/** Times `work` (wall and CPU); the warm-up runs (one by default) are not counted. */
async function measure<T>(
	runs: number,
	work: () => T | Promise<T>,
	warmUps = WARM_UP_RUNS
): Promise<{ times: Times; last: T }> {
	const times: Times = { wall: [], cpu: [] };
	let last: T | undefined;
	for (let run = 0; run < warmUps + runs; run++) {
		const cpu = process.cpuUsage();
		const start = performance.now();
		last = await work();
		const wall = since(start);
		if (run < warmUps) continue;
		times.wall.push(wall);
		times.cpu.push(cpuMsSince(cpu));
	}
	return { times, last: last as T };
}

type Doc = { memberId?: unknown; kind?: unknown };

/** The naive way: each member's documents found by scanning every document. */
function scanOf(member: { id: string }, docs: StandingDocs): StandingDocs {
	const own = (doc: Doc) => doc.memberId === member.id;
	return {
		reports: docs.reports.filter(own),
		reviews: docs.reviews.filter(own),
		schemes: docs.schemes
	};
}

function pointsTotal(standings: readonly MemberStanding[]): number {
	return standings.reduce((sum, s) => sum + s.points.total, 0);
}

function sameResults(what: string, a: readonly MemberStanding[], b: readonly MemberStanding[]) {
	if (pointsTotal(a) !== pointsTotal(b)) {
		throw new Error(`${what}: the baseline computed other points than the measured path.`);
	}
}

/** (a) The worker's full recompute of points and grades: every member of the bureau. */
async function bureauRecompute(bureau: PointsBureau, runs: number) {
	const all = (docs: StandingDocs) =>
		bureau.members.map((member) =>
			standingOf(member, bureau.linkedOf.get(member.branchId), docs, bureau.year, bureau.now)
		);
	// A new object each run: `standingOf` indexes the documents by member once per object.
	const indexed = await measure(runs, () =>
		all({ reports: bureau.reports, reviews: bureau.reviews, schemes: bureau.schemes })
	);
	// The scan grows with members × documents (minutes for a bureau): a sample of members is
	// timed once and scaled to the bureau.
	const sample = bureau.members.slice(0, SCAN_SAMPLE);
	const docs = { reports: bureau.reports, reviews: bureau.reviews, schemes: bureau.schemes };
	const scanned = await measure(
		1,
		() =>
			sample.map((member) =>
				standingOf(
					member,
					bureau.linkedOf.get(member.branchId),
					scanOf(member, docs),
					bureau.year,
					bureau.now
				)
			),
		0
	);
	sameResults('(s)', indexed.last.slice(0, sample.length), scanned.last);
	const scale = bureau.members.length / sample.length;
	const scaled = {
		wall: scanned.times.wall.map((ms) => ms * scale),
		cpu: scanned.times.cpu.map((ms) => ms * scale)
	};
	const targets = targetsOf(
		indexed.last.map((s) => ({ effective: s.effective, grade: s.grade.grade }))
	);
	return {
		bureau: timing(indexed.times),
		bureauScan: timing(scaled),
		grades: targets.grades,
		effective: targets.effective
	};
}

async function tabletReplica(
	name: string,
	share: { reports: readonly Doc[]; reviews: readonly Doc[] }
): Promise<BaodaoDatabase> {
	const db = await openDatabase({
		name: `bench-points-${name}-${Date.now()}`,
		storage: getRxStorageMemory(),
		multiInstance: false,
		validate: false,
		collections: ['reports', 'reviews']
	});
	await db.reports.bulkInsert(share.reports as ReportsDoc[]);
	await db.reviews.bulkInsert(share.reviews as ReviewsDoc[]);
	return db;
}

/** The branch's documents as the db modules query them from the replica. */
async function queryBranch(db: BaodaoDatabase, branchId: string) {
	const [reports, reviews] = await Promise.all([
		db.reports.find({ selector: { branchId } }).exec(),
		db.reviews.find({ selector: { branchId } }).exec()
	]);
	return {
		reports: reports.map((doc) => doc.toMutableJSON() as Doc),
		reviews: reviews.map((doc) => doc.toMutableJSON() as Doc)
	};
}

/** As `observeBranchRecordDocs` splits them (src/lib/db/approval-queue.svelte.ts). */
function recordDocsOf(held: { reports: readonly Doc[]; reviews: readonly Doc[] }): RecordDocs {
	return {
		records: held.reports.filter(isServiceRecord),
		corrections: held.reports.filter(isCorrection),
		reviews: held.reviews.filter(isReview),
		approvals: held.reviews.filter(isApproval)
	};
}

/** What the approval screen computes on each change of the documents, and "全选". */
function queueOf(docs: RecordDocs) {
	const rows = queueRows(recordViews(docs));
	const shown = filterRows(rows, DEFAULT_FILTER);
	stateCounts(rows, DEFAULT_FILTER);
	filterChoices(rows);
	return approvableSelection(shown, toggleAll(shown, new Set(), undefined), undefined);
}

function approvalsOf(rows: readonly QueueRow[], approver: string) {
	const now = new Date();
	return rows.map((row) => {
		const subject = ownFields(row.correction ?? row.view.record);
		return { next: approvalOf(subject, approver, { decision: 'approved' }, now), subject };
	});
}

/** (b) the secretary's tablet and (c) its approval queue, on a replica of the branch. */
async function branchTablet(bureau: PointsBureau, runs: number) {
	const branchId = bureau.members[0]?.branchId ?? '';
	const share = branchShare(bureau, branchId);
	const linked = bureau.linkedOf.get(branchId);
	const secretary: Actor = {
		username: secretaryOf(branchId),
		roles: [{ role: 'secretary', branchId }]
	};
	const db = await tabletReplica('branch', share);
	let held: Awaited<ReturnType<typeof queryBranch>>;
	let query: { times: Times };
	try {
		const queried = await measure(runs, () => queryBranch(db, branchId));
		held = queried.last;
		query = queried;
	} finally {
		await db.remove();
	}
	const docs = { ...held, schemes: bureau.schemes };
	const standings = await measure(runs, () => {
		const byId = branchStandings(share.members, linked, docs, bureau.year, bureau.now);
		const all = [...byId.values()];
		targetsOf(
			all.map(({ standing }) => ({ effective: standing.effective, grade: standing.grade.grade }))
		);
		return all;
	});
	const scanned = await measure(runs, () =>
		share.members.map((member) =>
			standingOf(member, linked, scanOf(member, docs), bureau.year, bureau.now)
		)
	);
	sameResults(
		'(b)',
		standings.last.map((s) => s.standing),
		scanned.last
	);

	const recordDocs = recordDocsOf(held);
	const queue = await measure(runs, () => queueOf(recordDocs));
	const selection = queue.last;

	// Each write run on a fresh replica: approvals are append-only, one per submission.
	let after: RecordDocs = recordDocs;
	const writeRuns = async (write: (db: BaodaoDatabase) => Promise<void>) => {
		const times: Times = { wall: [], cpu: [] };
		for (let run = 0; run < WARM_UP_RUNS + runs; run++) {
			const replica = await tabletReplica('queue', share);
			try {
				const cpu = process.cpuUsage();
				const start = performance.now();
				await write(replica);
				const wall = since(start);
				if (run >= WARM_UP_RUNS) {
					times.wall.push(wall);
					times.cpu.push(cpuMsSince(cpu));
				}
				after = recordDocsOf(await queryBranch(replica, branchId));
			} finally {
				await replica.remove();
			}
		}
		return times;
	};
	const bulk = await writeRuns((replica) =>
		writeAllChecked(replica, 'reviews', secretary, approvalsOf(selection, secretary.username))
	);
	const oneByOne = await writeRuns(async (replica) => {
		for (const { next, subject } of approvalsOf(selection, secretary.username)) {
			await writeChecked(replica, 'reviews', secretary, next, subject);
		}
	});
	const queueAfter = await measure(runs, () => queueOf(after));
	return {
		branchQuery: timing(query.times),
		branch: timing(standings.times),
		branchScan: timing(scanned.times),
		atRisk: standings.last.filter((s) => s.risks.length > 0).length,
		queue: timing(queue.times),
		bulkApprove: timing(bulk),
		oneByOne: timing(oneByOne),
		queueAfter: timing(queueAfter.times),
		queued: selection.length,
		waitingAfter: queueAfter.last.length
	};
}

/**
 * (s)–(u) Points and grades (issue 17): the worker's full recompute for a bureau, a secretary's
 * tablet computing its branch, and the approval queue approved in one bulk write — each against
 * the same work done the naive way in the same run.
 */
export async function benchPoints(options: PointsOptions): Promise<PointsResult> {
	const bureau = planPointsBureau({
		members: options.members,
		branchSize: options.branchSize,
		recordsPerMember: options.recordsPerMember,
		waitingPerBranch: options.waiting
	});
	const bureauFigures = await bureauRecompute(bureau, options.runs);
	const tablet = await branchTablet(bureau, options.runs);
	if (tablet.queued !== options.waiting) {
		throw new Error(`(u) the queue offered ${tablet.queued} records, not ${options.waiting}.`);
	}
	const worker = options.withWorker
		? await benchWorkerRecompute({
				members: options.members,
				branchSize: options.branchSize,
				recordsPerMember: options.recordsPerMember,
				waitingPerBranch: options.waiting
			})
		: undefined;
	const browser = options.withBrowser
		? await benchQueueInBrowser({
				branchSize: options.branchSize,
				recordsPerMember: options.recordsPerMember,
				waiting: options.waiting,
				runs: options.runs
			})
		: undefined;
	return {
		...options,
		docs: { reports: bureau.reports.length, reviews: bureau.reviews.length },
		...bureauFigures,
		...tablet,
		...(worker ? { worker } : {}),
		...(browser ? { browser } : {})
	};
}

function n(value: number): string {
	return value.toLocaleString('en-US');
}

/** On a shared machine the CPU time is the steadier comparison. */
function cpuRatio(value: Timing, baseline: Timing): string {
	return `${(value.cpuP50 / baseline.cpuP50).toFixed(3)}× CPU`;
}

function p50p95(value: Timing): string {
	return `${fmtMs(value.p50)} (p95 ${fmtMs(value.p95)}, CPU ${fmtMs(value.cpuP50)})`;
}

function workerRows(worker: WorkerRecomputeResult, domain: Timing): Row[] {
	return [
		[
			`    the summary worker, embedded store: a new scheme version → ${n(worker.members)} members recomputed`,
			`${fmtMs(worker.schemeChangeMs)} (CPU ${fmtMs(worker.schemeChangeCpuMs)}), ${(worker.schemeChangeMs / worker.members).toFixed(1)} ms/member`,
			`${fmtMs(domain.p50)} domain alone (CPU ${fmtMs(domain.cpuP50)})`,
			`${(worker.schemeChangeCpuMs / domain.cpuP50).toFixed(1)}× CPU`,
			'(info)',
			''
		],
		[
			`    its first pass (both open years, ${n(worker.summaries)} summaries); points changed by the new version`,
			`${fmtMs(worker.sweepMs)} (CPU ${fmtMs(worker.sweepCpuMs)})`,
			`${n(worker.pointsChanged)} members`,
			'',
			'(info)',
			''
		],
		[
			`    seeding ${n(worker.seededDocs)} documents; the channel index`,
			fmtMs(worker.seedMs),
			fmtMs(worker.indexMs),
			'',
			'(info)',
			''
		]
	];
}

function browserRows(browser: QueueBrowserResult, waiting: number, bulk: Timing): Row[] {
	return [
		[
			`    in Chromium, the built app at 1024×768: reload → ${waiting} rows shown (p50 of ${browser.renderRuns.length})`,
			`${fmtMs(median(browser.renderRuns))} (p95 ${fmtMs(percentile(browser.renderRuns, 95))})`,
			`${fmtMs(browser.firstVisitMs)} first visit (sync)`,
			'',
			'(info)',
			''
		],
		[
			`    in Chromium: 全选 + 批准所选 → 待审批（0）; → on the server`,
			fmtMs(browser.approveMs),
			`${fmtMs(browser.syncedMs)} synced (Node's write: ${fmtMs(bulk.p50)})`,
			'',
			'(info)',
			''
		]
	];
}

export function pointsRows(result: PointsResult): Row[] {
	const g = result.grades;
	return [
		[
			`(s) worker's full recompute: points + grades of ${n(result.members)} members × ${result.recordsPerMember} records (p50 of ${result.runs})`,
			`${p50p95(result.bureau)}, ${(result.bureau.p50 / result.members).toFixed(3)} ms/member`,
			`${fmtMs(result.bureauScan.p50)} scan per member (CPU ${fmtMs(result.bureauScan.cpuP50)}; ${SCAN_SAMPLE} timed, scaled)`,
			cpuRatio(result.bureau, result.bureauScan),
			'(info)',
			''
		],
		[
			`    ${n(result.docs.reports)} reports docs, ${n(result.docs.reviews)} reviews docs; grades 好/较好/一般/差; effective`,
			`${g.good} / ${g.fairlyGood} / ${g.average} / ${g.poor}`,
			`${n(result.effective)} effective`,
			'',
			'(info)',
			''
		],
		...(result.worker ? workerRows(result.worker, result.bureau) : []),
		[
			`(t) secretary's tablet: standings of its ${result.branchSize}-member branch`,
			p50p95(result.branch),
			`${fmtMs(result.branchScan.p50)} scan per member (CPU ${fmtMs(result.branchScan.cpuP50)})`,
			cpuRatio(result.branch, result.branchScan),
			'(info)',
			''
		],
		[
			`    the replica's queries of the branch (RxDB, memory storage); members at risk`,
			p50p95(result.branchQuery),
			`${result.atRisk} at risk`,
			'',
			'(info)',
			''
		],
		[
			`(u) approval queue: ${result.queued} waiting, approve all in one bulk write`,
			p50p95(result.bulkApprove),
			`${fmtMs(result.oneByOne.p50)} one write each (CPU ${fmtMs(result.oneByOne.cpuP50)})`,
			cpuRatio(result.bulkApprove, result.oneByOne),
			'(info)',
			''
		],
		...(result.browser ? browserRows(result.browser, result.queued, result.bulkApprove) : []),
		[
			`    the queue's views, rows, filter and selection: before; after (${result.waitingAfter} left)`,
			p50p95(result.queue),
			`${fmtMs(result.queueAfter.p50)} after (CPU ${fmtMs(result.queueAfter.cpuP50)})`,
			'',
			'(info)',
			''
		]
	];
}
