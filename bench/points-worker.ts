import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { withChannels } from '../src/lib/domain/access/write-policy';
import { memberYearId, type MemberYearSummary } from '../src/lib/domain/evaluation/member-year';
import { standingOf } from '../src/lib/domain/points/member-standing';
import { pointsSchemeId, type PointsScheme } from '../src/lib/domain/points/points-scheme';
import type { AnyDoc, CollectionName } from '../src/lib/domain/registry';
import { createBaodaoServer } from '../src/lib/server/baodao-server';
import { applyCouchSetup } from '../src/lib/server/couch-setup';
import { toStored } from '../src/lib/server/demo/demo-seed';
import { openStore, type Store } from '../src/lib/server/store';
import {
	directoryOf,
	planPointsBureau,
	type PointsBureau,
	type PointsBureauOptions
} from './points-bureau';
import { chunks, fmtMs, log, since } from './support';

export interface WorkerRecomputeResult {
	members: number;
	seededDocs: number;
	/** Seeding and the channel index (the server's start-up), not part of the recompute. */
	seedMs: number;
	indexMs: number;
	/** The worker's first pass over the store: every member's summaries of both open years. */
	sweepMs: number;
	summaries: number;
	/** A new version of the bureau's scheme stored → every member's year recomputed and written. */
	schemeChangeMs: number;
	/** This process's CPU time (user + system) in the first pass and in the recompute. */
	sweepCpuMs: number;
	schemeChangeCpuMs: number;
	/** Member summaries whose points the new version changed. */
	pointsChanged: number;
}

const SEED_BATCH = 5_000;

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

async function seed(store: Store, collection: CollectionName, docs: readonly object[]) {
	for (const part of chunks(docs, SEED_BATCH)) {
		const stored = part.map((doc) => toStored(withChannels(collection, doc as AnyDoc)));
		const results = await store
			.db(collection)
			.bulkDocs(stored as (Record<string, unknown> & { _id: string })[]);
		if (results.some((result) => 'error' in result && result.error)) {
			throw new Error(`Seeding ${collection} failed.`);
		}
	}
}

/** An embedded store in `dataDir` holding the bureau: directory, schemes, members, records, decisions. */
export async function seededStore(dataDir: string, bureau: PointsBureau): Promise<Store> {
	const store = openStore({ dataDir });
	await applyCouchSetup(store);
	await seed(store, 'directory', [...directoryOf(bureau), ...bureau.schemes]);
	await seed(store, 'members', bureau.members);
	await seed(store, 'reports', bureau.reports);
	await seed(store, 'reviews', bureau.reviews);
	return store;
}

async function memberPoints(store: Store, ids: readonly string[], year: number) {
	const rows = await store
		.db('evaluations')
		.allDocs({ keys: ids.map((id) => memberYearId(id, year)), include_docs: true });
	return new Map(
		rows.rows.flatMap((row) => {
			const doc = 'doc' in row ? (row.doc as unknown as MemberYearSummary | null) : null;
			return doc ? [[doc.memberId, doc.points] as const] : [];
		})
	);
}

/**
 * (s) The summary worker's full recompute on the embedded store: a bureau seeded with its
 * members, reports, records and decisions, the worker's first pass (both open years), then a new
 * version of the bureau's points scheme — after which the worker recomputes every member's year.
 * The points it stores are checked against `standingOf` over the same documents.
 */
export async function benchWorkerRecompute(
	options: Omit<PointsBureauOptions, 'ownOnly'>
): Promise<WorkerRecomputeResult> {
	const bureau = planPointsBureau({ ...options, ownOnly: true });
	const now = bureau.now;
	const dataDir = await mkdtemp(join(tmpdir(), 'baodao-bench-points-'));
	try {
		let start = performance.now();
		const store = await seededStore(dataDir, bureau);
		const seededDocs =
			directoryOf(bureau).length +
			bureau.schemes.length +
			bureau.members.length +
			bureau.reports.length +
			bureau.reviews.length;
		const seedMs = since(start);
		start = performance.now();
		await store.channelIndex.warm();
		const indexMs = since(start);
		await store.close();
		log(
			`    seeded ${seededDocs.toLocaleString('en-US')} documents in ${fmtMs(seedMs)}, index ${fmtMs(indexMs)}`
		);

		const server = await createBaodaoServer({ dataDir, now: () => now, claims: false });
		try {
			const worker = server.summaries;
			if (!worker) throw new Error('(s) the summary worker is off.');
			let cpu = process.cpuUsage();
			start = performance.now();
			await worker.idle();
			const sweepMs = since(start);
			const sweepCpuMs = cpuMs(cpu);
			const summaries = (await server.store.db('evaluations').info()).doc_count;
			const ids = bureau.members.map((m) => m.id);
			const before = await memberPoints(server.store, ids, bureau.year);
			log(`    first pass: ${summaries} summaries in ${fmtMs(sweepMs)}`);

			const last = bureau.schemes[bureau.schemes.length - 1];
			if (!last) throw new Error('(s) the bureau has no scheme.');
			const next: PointsScheme = {
				...last,
				id: pointsSchemeId(bureau.orgId, bureau.year, last.version + 1),
				version: last.version + 1,
				rules: {
					...last.rules,
					'residence-service': { ...last.rules['residence-service'], points: 6 }
				},
				note: '居住地社区服务每次 6 分',
				updatedAt: now.toISOString()
			};
			cpu = process.cpuUsage();
			start = performance.now();
			await seed(server.store, 'directory', [next]);
			await worker.idle();
			const schemeChangeMs = since(start);
			const schemeChangeCpuMs = cpuMs(cpu);
			const after = await memberPoints(server.store, ids, bureau.year);
			const pointsChanged = ids.filter((id) => before.get(id) !== after.get(id)).length;

			// The worker's figures are the domain's: one member computed directly must agree.
			const sample = bureau.members[0];
			if (sample) {
				const direct = standingOf(
					sample,
					bureau.linkedOf.get(sample.branchId),
					{ reports: bureau.reports, reviews: bureau.reviews, schemes: [...bureau.schemes, next] },
					bureau.year,
					now
				);
				if (after.get(sample.id) !== direct.points.total) {
					throw new Error(
						`(s) the worker stored ${after.get(sample.id)} points for ${sample.id}, the domain computes ${direct.points.total}.`
					);
				}
			}
			return {
				members: bureau.members.length,
				seededDocs,
				seedMs,
				indexMs,
				sweepMs,
				summaries,
				schemeChangeMs,
				sweepCpuMs,
				schemeChangeCpuMs,
				pointsChanged
			};
		} finally {
			await server.close();
		}
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
}
