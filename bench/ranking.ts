import { performance } from 'node:perf_hooks';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDatabase } from '../src/lib/db/database';
import { itemTallyOf } from '../src/lib/domain/marketplace/item-tallies';
import { isOpenAt, rankItems, type RankingProfile } from '../src/lib/domain/marketplace/ranking';
import {
	ITEM_KINDS,
	itemChannels,
	type ServiceItem
} from '../src/lib/domain/marketplace/service-items';
import { PROFESSION_CODES, SKILL_CODES } from '../src/lib/domain/people/profile-vocabulary';
import type { ActivitiesDoc } from '../src/lib/domain/registry';
import type { Row } from './report';
import { fmtMs, median, percentile, since } from './support';

export interface RankingOptions {
	/** Open items on the member's device, in the member's two communities. */
	items: number;
	/** Measured runs, after warm-up runs that are not counted. */
	runs: number;
}

export interface RankingResult extends RankingOptions {
	/** The RxDB query of the items and tallies, as plain documents. */
	queryP50: number;
	queryP95: number;
	/** `rankItems` over the queried items: fit, reasons, order. */
	rankP50: number;
	rankP95: number;
	/** Baseline: the same items filtered open and sorted by start time, as a plain list would. */
	plainP50: number;
	plainP95: number;
	/** Items ranked, and how many had at least one reason (a check the data exercises the fit). */
	ranked: number;
	withReasons: number;
}

const DAY_MS = 86_400_000;
const WARM_UP_RUNS = 3;
/** A phone is some 4–5 times slower than the machines the bench runs on: 100 ms here is a tap's wait there. */
const TARGET_MS = 100;

/** A small deterministic generator, so every run ranks the same replica. */
function generator(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function serviceItems(count: number, now: Date): ServiceItem[] {
	const random = generator(16);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
	return Array.from({ length: count }, (_, index) => {
		const kind = ITEM_KINDS[index % ITEM_KINDS.length] ?? 'project';
		const communityId = index % 2 === 0 ? 'cm1' : 'cm2';
		const createdAt = new Date(now.getTime() - 10 * DAY_MS).toISOString();
		const startsAt = new Date(now.getTime() + (1 + random() * 60) * DAY_MS).toISOString();
		const scheduled = kind === 'project' || kind === 'post';
		return {
			id: `it-bench${String(index).padStart(5, '0')}`,
			kind,
			communityId,
			title: `服务 ${index}`,
			description: '楼道照明检修、助老陪诊、法律咨询等社区服务。',
			skills: [pick(SKILL_CODES), pick(SKILL_CODES)],
			fields: [pick(PROFESSION_CODES)],
			...(kind === 'need'
				? { category: 'repair', urgency: pick(['normal', 'soon', 'urgent'] as const) }
				: {}),
			startsAt: scheduled ? startsAt : createdAt,
			...(scheduled ? {} : { endsAt: startsAt }),
			...(kind === 'post'
				? {
						shifts: [
							{
								weekday: 1 + Math.floor(random() * 7),
								start: pick(['09:00', '19:00']),
								end: '21:00'
							}
						]
					}
				: {}),
			places: 1 + Math.floor(random() * 10),
			state: 'open',
			createdBy: 'community1',
			createdAt,
			updatedAt: createdAt,
			channels: itemChannels({ communityId, createdAt })
		};
	});
}

const member: RankingProfile = {
	skills: ['electrical-repair', 'photography'],
	professions: ['law'],
	interests: ['reading', 'neighbour-help'],
	availability: ['weekend', 'weekday-evening']
};

/**
 * (q) Ranking the open items on a member's device: the query of the replica (RxDB, memory
 * storage here; IndexedDB in the browser) and the pure ranking, against a plain list's sort.
 */
export async function benchRanking(options: RankingOptions): Promise<RankingResult> {
	const now = new Date();
	const db = await openDatabase({
		name: `bench-ranking-${Date.now()}`,
		storage: getRxStorageMemory(),
		multiInstance: false,
		validate: false,
		collections: ['activities']
	});
	try {
		const items = serviceItems(options.items, now);
		const tallies = items.map((item, index) =>
			itemTallyOf(item, [{ shift: 0, held: index % 3, waiting: 0 }], now)
		);
		await db.activities.bulkInsert([...items, ...tallies] as ActivitiesDoc[]);

		const query = async () =>
			(await db.activities.find({ selector: { kind: { $in: [...ITEM_KINDS] } } }).exec()).map(
				(doc) => doc.toMutableJSON() as ServiceItem
			);
		const rank = (held: ServiceItem[]) =>
			rankItems(held, member, { communityIds: ['cm1', 'cm2'], now });
		const plain = (held: ServiceItem[]) =>
			held
				.filter((item) => isOpenAt(item, now))
				.sort((a, b) => a.startsAt.localeCompare(b.startsAt));

		const queryTimes: number[] = [];
		const rankTimes: number[] = [];
		const plainTimes: number[] = [];
		let ranked: ReturnType<typeof rank> = [];
		for (let run = 0; run < WARM_UP_RUNS + options.runs; run++) {
			let start = performance.now();
			const held = await query();
			const queryMs = since(start);
			start = performance.now();
			ranked = rank(held);
			const rankMs = since(start);
			start = performance.now();
			plain(held);
			const plainMs = since(start);
			if (run < WARM_UP_RUNS) continue;
			queryTimes.push(queryMs);
			rankTimes.push(rankMs);
			plainTimes.push(plainMs);
		}
		return {
			...options,
			queryP50: median(queryTimes),
			queryP95: percentile(queryTimes, 95),
			rankP50: median(rankTimes),
			rankP95: percentile(rankTimes, 95),
			plainP50: median(plainTimes),
			plainP95: percentile(plainTimes, 95),
			ranked: ranked.length,
			withReasons: ranked.filter((entry) => entry.reasons.length > 0).length
		};
	} finally {
		await db.remove();
	}
}

export function rankingRows(result: RankingResult): Row[] {
	const total = result.queryP95 + result.rankP95;
	return [
		[
			`(q) ranking ${result.ranked} open items for a member: query + rank (p95 of ${result.runs})`,
			`${fmtMs(total)} (rank ${fmtMs(result.rankP95)}, p50 ${fmtMs(result.rankP50)})`,
			`${fmtMs(result.plainP95)} plain sort by start`,
			`${(result.rankP95 / result.plainP95).toFixed(1)}×`,
			`≤ ${TARGET_MS} ms`,
			total <= TARGET_MS ? 'met' : 'MISSED'
		],
		[
			`    the replica's query (RxDB, memory storage); items with a reason`,
			`${fmtMs(result.queryP95)} (p50 ${fmtMs(result.queryP50)})`,
			`${result.withReasons} of ${result.ranked}`,
			'',
			'(info)',
			''
		]
	];
}
