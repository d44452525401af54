import { cpus, loadavg, totalmem } from 'node:os';
import type { BurstResult } from './check-in-burst';
import { couchRows, type CouchStoreResult } from './couch-store';
import { memoryRows, type DeviceMemoryResult } from './device-memory';
import type { FanoutResult } from './longpoll-fanout';
import { evidenceUploadRows, type EvidenceUploadResult } from './evidence-uploads';
import type { InitialSyncResult } from './initial-sync';
import { pointsRows, type PointsResult } from './points';
import type { PushResult } from './push-throughput';
import { rankingRows, type RankingResult } from './ranking';
import { reconnectRows, type ReconnectResult } from './reconnect';
import { rosterImportRows, type RosterImportResult } from './roster-import';
import { scaleRows } from './scale-report';
import type { ScaleResult } from './scale';
import { scanRows, type ScanResult } from './scan-report';
import type { ShellResult } from './shell';
import { signInRows, type SignInFloodResult } from './sign-in-flood';
import { wireRows, type WireResult } from './wire-bytes';
import { fmtKB, fmtMB, fmtMs, median } from './support';

export interface BenchResults {
	machine: string;
	loadBefore: number[];
	loadAfter: number[];
	totalMs: number;
	initialSync?: InitialSyncResult;
	fanout?: FanoutResult;
	memory?: DeviceMemoryResult;
	push?: PushResult;
	burst?: BurstResult;
	shell?: ShellResult;
	scale?: ScaleResult;
	wire?: WireResult;
	signIn?: SignInFloodResult;
	reconnect?: ReconnectResult;
	couch?: CouchStoreResult;
	scan?: ScanResult;
	ranking?: RankingResult;
	files?: EvidenceUploadResult;
	points?: PointsResult;
	roster?: RosterImportResult;
}

export function machineDescription(): string {
	const list = cpus();
	const model = list[0]?.model.trim() ?? 'unknown CPU';
	return `${list.length} cores (${model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export function currentLoad(): number[] {
	return loadavg().map((value) => Number(value.toFixed(2)));
}

export type Row = [string, string, string, string, string, string];

/** Issue 11: the gateway's write rate against the store's own, at least half and never under a quarter. */
const WRITE_RATE_TARGET = '≥ 50% (floor 25%)';

/** `slower` is gateway time ÷ direct time; the rate is its inverse. */
function ofDirect(slower: number): string {
	return `${(100 / slower).toFixed(0)}% of direct`;
}

function writeRateVerdict(slower: number): string {
	const share = 1 / slower;
	return share >= 0.5 ? 'met' : share >= 0.25 ? 'floor met' : 'MISSED';
}

function ratio(value: number): string {
	return `${value.toFixed(2)}×`;
}

function verdict(value: number, target: number): string {
	return value <= target ? 'met' : 'MISSED';
}

function docsPerSecond(value: number): string {
	return `${Math.round(value).toLocaleString('en-US')} docs/s`;
}

function n(value: number): string {
	return value.toLocaleString('en-US');
}

/** The gateway against a baseline (ratio gateway ÷ baseline); with a target, judged by it. */
function versus(
	label: string,
	gateway: number,
	baseline: number,
	baselineName: string,
	target?: number
): Row {
	const value = gateway / baseline;
	return [
		label,
		fmtMs(gateway),
		`${fmtMs(baseline)} ${baselineName}`,
		ratio(value),
		target === undefined ? '(info)' : `≤ ${target}`,
		target === undefined ? '' : verdict(value, target)
	];
}

/** The channel index's build time per document (≤ 0.3 ms) and its size against the data (≤ 2×). */
export function indexRows(
	where: string,
	builds: { docs: number; indexMs: number; disk: { reports: number; index: number } }[]
): Row[] {
	return builds.flatMap(({ docs, indexMs, disk }): Row[] => {
		const perDoc = indexMs / docs;
		const size = disk.index / disk.reports;
		return [
			[
				`    channel index build, ${n(docs)} docs, ${where}`,
				`${fmtMs(indexMs)} (${perDoc.toFixed(3)} ms/doc)`,
				'',
				'',
				'≤ 0.3 ms/doc',
				verdict(perDoc, 0.3)
			],
			[
				`    channel index on disk, ${n(docs)} docs, ${where}`,
				fmtMB(disk.index),
				`${fmtMB(disk.reports)} reports db`,
				ratio(size),
				'≤ 2×',
				verdict(size, 2)
			]
		];
	});
}

function rows(results: BenchResults): Row[] {
	const table: Row[] = [];
	const sync = results.initialSync;
	if (sync) {
		const { largeStore, smallStore } = sync;
		const aRows: Row[] = sync.plainSkipped
			? [
					[
						`(a) initial sync ${n(sync.visible)} of ${n(largeStore)}: ${sync.plainSkipped}`,
						fmtMs(sync.largeMs),
						'',
						'',
						'',
						''
					]
				]
			: [
					versus(
						`(a) initial sync ${n(sync.visible)} of ${n(largeStore)}, batch ${sync.batchSize}`,
						sync.largeMs,
						sync.plainMs,
						'plain CouchDB',
						1.5
					),
					versus(
						'    same, incl. sign-in + db open',
						median(sync.totalRuns.large),
						median(sync.totalRuns.plain),
						'plain CouchDB'
					)
				];
		table.push(
			...aRows,
			versus(
				`(b) initial sync ${n(sync.visible)}: store ${n(largeStore)} vs ${n(smallStore)}`,
				sync.largeMs,
				sync.smallMs,
				`(${n(smallStore)})`,
				1.2
			),
			['    gateway busy during (a)', fmtMs(median(sync.serverRuns.large)), '', '', '(info)', ''],
			...indexRows('embedded', [
				{ docs: smallStore, indexMs: sync.indexMs.small, disk: sync.diskBytes.small },
				{ docs: largeStore, indexMs: sync.indexMs.large, disk: sync.diskBytes.large }
			])
		);
	}
	const fanout = results.fanout;
	if (fanout) {
		const isolated =
			fanout.outsiderSignals === 0 &&
			fanout.outsiderRows === 0 &&
			fanout.outsiderCatchUpRows === 0 &&
			fanout.outsiderFromZeroRows === 0;
		table.push(
			[
				`(c) live fan-out (stream, then read) ${fanout.insiders} in + ${fanout.outsiders} out, ${fanout.writes} writes`,
				`p50 ${fmtMs(fanout.p50)} / p95 ${fmtMs(fanout.p95)} / max ${fmtMs(fanout.max)}`,
				'',
				'',
				'all reached',
				fanout.latencies.every((round) => round.every(Number.isFinite)) ? 'met' : 'MISSED'
			],
			[
				'    first write only',
				`p50 ${fmtMs(fanout.first.p50)} / p95 ${fmtMs(fanout.first.p95)} / max ${fmtMs(fanout.first.max)}`,
				'',
				'',
				'',
				''
			],
			["    writer's _bulk_docs answered (median)", fmtMs(median(fanout.ackMs)), '', '', '', ''],
			[
				'    rows received by outsiders',
				`${fanout.outsiderSignals} signals, ${fanout.outsiderRows} live, ${fanout.outsiderCatchUpRows} catch-up, ${fanout.outsiderFromZeroRows} from 0`,
				'',
				'',
				'= 0',
				isolated ? 'met' : 'MISSED'
			]
		);
	}
	if (results.memory) table.push(...memoryRows(results.memory));
	const push = results.push;
	if (push) {
		table.push([
			`(d) push ${n(push.docs)} docs, batch ${push.batchSize}`,
			docsPerSecond(push.gatewayDocsPerSecond),
			`${docsPerSecond(push.directDocsPerSecond)} direct`,
			ofDirect(push.ratio),
			WRITE_RATE_TARGET,
			writeRateVerdict(push.ratio)
		]);
		table.push([
			'    gateway server busy per run',
			fmtMs(median(push.serverBusyRuns)),
			`${fmtMs(push.directMs)} direct`,
			'',
			'(info)',
			''
		]);
	}
	const burst = results.burst;
	if (burst) {
		const checks = median(burst.measured.map((run) => run.policyMs));
		const signatures = median(burst.measured.map((run) => run.verifyMs));
		table.push(
			[
				`(g) check-in burst ${burst.devices} phones × ${burst.checkIns}, at once`,
				`${docsPerSecond(burst.gatewayDocsPerSecond)} (${fmtMs(burst.wallMs)})`,
				`${docsPerSecond(burst.directDocsPerSecond)} direct (${fmtMs(burst.directMs)})`,
				ofDirect(burst.ratio),
				WRITE_RATE_TARGET,
				// Reached only when all landed: the bench stops with an error when one is missing or refused.
				writeRateVerdict(burst.ratio)
			],
			[
				'    summaries up to date after the burst (worker)',
				fmtMs(median(burst.measured.map((run) => run.summariesMs))),
				'',
				'',
				'(info)',
				''
			],
			[
				'    per-phone push (_bulk_docs)',
				`p50 ${fmtMs(burst.deviceP50)} / p95 ${fmtMs(burst.deviceP95)} / max ${fmtMs(burst.deviceMax)}`,
				'',
				'',
				'(info)',
				''
			],
			[
				`    ${burst.replicas.phones} real RxDB phones × ${burst.checkIns} (requests)`,
				fmtMs(burst.replicas.ms),
				`${burst.replicas.allDocs.count}× _all_docs, ${burst.replicas.bulkDocs.count}× _bulk_docs`,
				'',
				`0 + 1 per phone`,
				burst.replicas.allDocs.count === 0 &&
				burst.replicas.bulkDocs.count === burst.replicas.phones
					? 'met'
					: 'differs'
			],
			[
				'    gateway busy; its checks alone; signatures alone',
				fmtMs(median(burst.measured.map((run) => run.serverBusyMs))),
				`${fmtMs(checks)}; ${fmtMs(signatures)}`,
				'',
				'(info)',
				''
			]
		);
	}
	const shell = results.shell;
	if (shell) {
		table.push(
			[
				`(e) home route JS, cold, gzip -9 (${shell.jsFiles.length} files)`,
				fmtKB(shell.jsGzipBytes),
				`${fmtKB(shell.jsRawBytes)} raw`,
				'',
				'≤ 250 KB',
				verdict(shell.jsGzipBytes, 250_000)
			],
			[
				'(f) offline reload → home usable (median)',
				fmtMs(shell.offlineMs),
				`${fmtMs(shell.onlineMs)} online reload`,
				ratio(shell.offlineMs / shell.onlineMs),
				'≤ 1 s',
				verdict(shell.offlineMs, 1000)
			],
			['    first visit, no service worker', fmtMs(shell.coldUsableMs), '', '', '(info)', '']
		);
	}
	if (results.scale) table.push(...scaleRows(results.scale));
	if (results.wire) table.push(...wireRows(results.wire));
	if (results.signIn) table.push(...signInRows(results.signIn));
	if (results.reconnect) table.push(...reconnectRows(results.reconnect));
	if (results.couch) table.push(...couchRows(results.couch));
	if (results.scan) table.push(...scanRows(results.scan));
	if (results.ranking) table.push(...rankingRows(results.ranking));
	if (results.files) table.push(...evidenceUploadRows(results.files));
	if (results.points) table.push(...pointsRows(results.points));
	if (results.roster) table.push(...rosterImportRows(results.roster));
	return table;
}

/** The summary table printed at the end of a run. */
export function formatTable(results: BenchResults): string {
	const header: Row = ['Measure', 'baodao gateway', 'baseline', 'ratio', 'target', 'result'];
	const body = rows(results);
	const widths = header.map((_, col) =>
		Math.max(...[header, ...body].map((row) => (row[col] ?? '').length))
	);
	const line = (row: Row) => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join(' | ');
	const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
	return [
		`Machine: ${results.machine}`,
		`Load average (1/5/15 min) before: ${results.loadBefore.join(' / ')}, after: ${results.loadAfter.join(' / ')}`,
		`Total bench time: ${fmtMs(results.totalMs)}`,
		'',
		line(header),
		rule,
		...body.map(line)
	].join('\n');
}
